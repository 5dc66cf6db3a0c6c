window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "retweeted" : false,
      "entities" : {
        "urls" : [
          {
            "url" : "https://t.co/abc123",
            "expanded_url" : "https://rose.example/rye",
            "display_url" : "rose.example/rye"
          }
        ],
        "media" : [
          {
            "url" : "https://t.co/pic999",
            "expanded_url" : "https://twitter.com/rosebakery/status/5001/photo/1"
          }
        ]
      },
      "favorite_count" : "12",
      "id_str" : "5001",
      "retweet_count" : "3",
      "id" : "5001",
      "created_at" : "Sat Apr 04 07:30:00 +0000 2026",
      "full_text" : "Rye &amp; caraway loaf is back: 6 € on Saturdays https://t.co/abc123 https://t.co/pic999",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "entities" : { "urls" : [ ] },
      "favorite_count" : "4",
      "in_reply_to_user_id_str" : "1000",
      "in_reply_to_status_id_str" : "5001",
      "in_reply_to_screen_name" : "rosebakery",
      "id_str" : "5002",
      "retweet_count" : "0",
      "id" : "5002",
      "created_at" : "Sat Apr 04 07:31:00 +0000 2026",
      "full_text" : "Order by Friday 18:00 &gt; we bake 40 loaves.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "entities" : { "urls" : [ ] },
      "favorite_count" : "1",
      "in_reply_to_user_id_str" : "2001",
      "in_reply_to_status_id_str" : "7777",
      "in_reply_to_screen_name" : "annbakes",
      "id_str" : "5003",
      "retweet_count" : "0",
      "id" : "5003",
      "created_at" : "Sun Apr 05 09:00:00 +0000 2026",
      "full_text" : "@annbakes thank you, see you Saturday!",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "entities" : { "urls" : [ ] },
      "favorite_count" : "0",
      "id_str" : "5004",
      "retweet_count" : "8",
      "id" : "5004",
      "created_at" : "Mon Apr 06 12:00:00 +0000 2026",
      "full_text" : "RT @flourmill: New stone-ground spelt this week",
      "lang" : "en"
    }
  }
]
