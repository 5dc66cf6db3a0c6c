-- The engagement summary of each identity (count, first and last engagement) moves out of the wide
-- identity row into a narrow table of its own, written only by the ledger. Why: every ingest batch
-- updates this summary for about as many identities as it has events, and an update of the wide
-- row is costly on both databases. H2 rewrites every index of the table on an UPDATE (identity has
-- six); PostgreSQL cannot update a row in place (HOT) when an indexed column changes, and
-- last_engaged_at was indexed. Here an update touches the row and one index.
-- Only identities that ever engaged have a row.
CREATE TABLE identity_activity (
  identity_id BIGINT PRIMARY KEY,
  workspace_id BIGINT NOT NULL,
  engagements BIGINT NOT NULL,
  first_engaged_at TIMESTAMP WITH TIME ZONE NOT NULL,
  last_engaged_at TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO identity_activity (identity_id, workspace_id, engagements, first_engaged_at,
    last_engaged_at)
  SELECT id, workspace_id, engagements, first_engaged_at, last_engaged_at FROM identity
  WHERE first_engaged_at IS NOT NULL AND last_engaged_at IS NOT NULL;

CREATE INDEX identity_activity_recency ON identity_activity (workspace_id, last_engaged_at);

DROP INDEX identity_people_recency;
ALTER TABLE identity DROP COLUMN engagements;
ALTER TABLE identity DROP COLUMN first_engaged_at;
ALTER TABLE identity DROP COLUMN last_engaged_at;
