window.YTD.like.part0 = [
  {
    "like" : {
      "tweetId" : "9001",
      "fullText" : "Our mill is open for visits on Sunday",
      "expandedUrl" : "https://twitter.com/i/web/status/9001"
    }
  },
  {
    "like" : {
      "tweetId" : "9002",
      "expandedUrl" : "https://twitter.com/i/web/status/9002"
    }
  }
]
