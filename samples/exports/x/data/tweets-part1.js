window.YTD.tweets.part1 = [
  {
    "tweet" : {
      "entities" : { "urls" : [ ] },
      "favorite_count" : "30",
      "id_str" : "4001",
      "retweet_count" : "5",
      "id" : "4001",
      "created_at" : "Tue Mar 03 06:00:00 +0000 2026",
      "full_text" : "We open at 7 tomorrow: croissants, pain au chocolat, and the first rhubarb tarts.",
      "lang" : "en"
    }
  }
]
