window.YTD.account.part0 = [
  {
    "account" : {
      "email" : null,
      "createdVia" : "web",
      "username" : "rosebakery",
      "accountId" : "1000",
      "createdAt" : "2015-03-01T08:00:00.000Z",
      "accountDisplayName" : "Rose Bakery"
    }
  }
]
