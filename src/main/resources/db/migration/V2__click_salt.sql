-- The daily salt for hashing visitors of tracked links. Old salts are deleted so that yesterday's
-- hashes can no longer be linked to anyone.
CREATE TABLE click_salt (
  salt_day DATE PRIMARY KEY,
  salt VARCHAR(64) NOT NULL
);
