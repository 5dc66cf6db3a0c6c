window.__THAR_CONFIG = {
  "userInfo" : {
    "accountId" : "1000",
    "userName" : "rosebakery",
    "displayName" : "Rose Bakery"
  },
  "archiveInfo" : {
    "sizeBytes" : "4096",
    "generationDate" : "2026-05-01T10:00:00.000Z",
    "isPartialArchive" : false
  }
}
