-- Lookups on the ingest hot paths ask "which of these 1,000 keys exist?" (IN lists). H2 uses an
-- IN list only on the first column of an index, so those columns lead here; PostgreSQL is served
-- equally well by either order.

-- The ledger's de-duplication key, event hash first (same uniqueness as before).
DROP INDEX engagement_event;
CREATE UNIQUE INDEX engagement_event ON engagement (event_hash, workspace_id);

-- Resolving platform accounts to identities in batches.
CREATE INDEX identity_platform_user ON identity (platform_user_id);
