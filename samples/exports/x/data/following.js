window.YTD.following.part0 = [
  {
    "following" : {
      "accountId" : "2001",
      "userLink" : "https://twitter.com/intent/user?user_id=2001"
    }
  },
  {
    "following" : {
      "accountId" : "3000",
      "userLink" : "https://twitter.com/intent/user?user_id=3000"
    }
  }
]
