-- The engagement summary of each identity (count, first and last engagement) moves out of the wide
-- identity row into a narrow table of its own, written only by the ledger. Why: every ingest batch
-- updates this summary for about as many identities as it has events, and an update of the wide
-- row is costly on both databases. H2 rewrites every index of the table on an UPDATE (identity has
-- six); PostgreSQL cannot update a row in place (HOT) when an indexed column changes, and
-- last_engaged_at was indexed. Here an update touches the row and one index.
-- Only identities that ever engaged have a row.
--
-- last_week and recent_weeks say in which of the last 52 weeks the identity engaged: last_week is
-- the week of last_engaged_at as a number (weeks since Monday 1970-01-05, UTC), and bit k of
-- recent_weeks is set when the identity engaged in week last_week - k (k < 52). The core (3 of the
-- last 12 weeks) is then one pass over the identities active in 12 weeks, without reading the
-- identity_week rollup.
CREATE TABLE identity_activity (
  identity_id BIGINT PRIMARY KEY,
  workspace_id BIGINT NOT NULL,
  engagements BIGINT NOT NULL,
  first_engaged_at TIMESTAMP WITH TIME ZONE NOT NULL,
  last_engaged_at TIMESTAMP WITH TIME ZONE NOT NULL,
  last_week INTEGER NOT NULL,
  recent_weeks BIGINT NOT NULL
);

INSERT INTO identity_activity (identity_id, workspace_id, engagements, first_engaged_at,
    last_engaged_at, last_week, recent_weeks)
  SELECT id, workspace_id, engagements, first_engaged_at, last_engaged_at,
    CAST(FLOOR((EXTRACT(EPOCH FROM last_engaged_at) - 345600) / 604800) AS INTEGER), 0
  FROM identity
  WHERE first_engaged_at IS NOT NULL AND last_engaged_at IS NOT NULL;

UPDATE identity_activity SET recent_weeks = (
  SELECT COALESCE(SUM(CAST(POWER(2, identity_activity.last_week
      - CAST(FLOOR((EXTRACT(EPOCH FROM w.week_start) - 345600) / 604800) AS INTEGER)) AS BIGINT)), 0)
  FROM identity_week w
  WHERE w.identity_id = identity_activity.identity_id AND w.n <> 0
    AND identity_activity.last_week
      - CAST(FLOOR((EXTRACT(EPOCH FROM w.week_start) - 345600) / 604800) AS INTEGER) BETWEEN 0 AND 51);

CREATE INDEX identity_activity_recency ON identity_activity (workspace_id, last_engaged_at);

DROP INDEX identity_people_recency;
ALTER TABLE identity DROP COLUMN engagements;
ALTER TABLE identity DROP COLUMN first_engaged_at;
ALTER TABLE identity DROP COLUMN last_engaged_at;
