-- Engagement sync per channel: where the platform read stands (cursors are stored only after
-- their page is in the ledger), what the last runs did and what went wrong, and a lease so that
-- one node at a time syncs a channel.
CREATE TABLE sync_state (
  channel_id BIGINT PRIMARY KEY REFERENCES channel (id) ON DELETE CASCADE,
  workspace_id BIGINT NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
  engagement_cursor VARCHAR(4000),
  follower_cursor VARCHAR(4000),
  followers_synced_at TIMESTAMP WITH TIME ZONE,
  followers_seen BIGINT NOT NULL,
  last_run_at TIMESTAMP WITH TIME ZONE,
  last_success_at TIMESTAMP WITH TIME ZONE,
  newest_event_at TIMESTAMP WITH TIME ZONE,
  last_run_read BIGINT NOT NULL,
  last_run_ingested BIGINT NOT NULL,
  total_read BIGINT NOT NULL,
  total_ingested BIGINT NOT NULL,
  last_error VARCHAR(2000),
  last_error_at TIMESTAMP WITH TIME ZONE,
  retry_after TIMESTAMP WITH TIME ZONE,
  lease_owner VARCHAR(64),
  lease_until TIMESTAMP WITH TIME ZONE
);
CREATE INDEX sync_state_workspace ON sync_state (workspace_id);
