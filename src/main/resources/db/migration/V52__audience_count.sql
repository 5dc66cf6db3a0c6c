-- Rollup: identities per workspace by current verdict and by whether they follow a channel. The
-- dashboard's audience funnel reads a handful of rows here instead of scanning every identity
-- (a million rows for a large account). Kept in step by the writers of identity.verdict and
-- identity.follows (people.internal.AudienceTally).
CREATE TABLE audience_count (
  workspace_id BIGINT NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
  verdict VARCHAR(24) NOT NULL,
  follows BOOLEAN NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, verdict, follows)
);

INSERT INTO audience_count (workspace_id, verdict, follows, n)
SELECT workspace_id, verdict, follows, COUNT(*) FROM identity GROUP BY workspace_id, verdict, follows;
