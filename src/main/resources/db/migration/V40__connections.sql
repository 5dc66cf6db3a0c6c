-- A channel's connected platform account. Secrets (tokens, app passwords) are one JSON object,
-- sealed with AES-256-GCM by the application (store.SecretBox); the database never sees them
-- in clear.
CREATE TABLE channel_connection (
  channel_id BIGINT PRIMARY KEY REFERENCES channel (id) ON DELETE CASCADE,
  workspace_id BIGINT NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
  service_url VARCHAR(2000) NOT NULL,
  account_id VARCHAR(300),
  handle VARCHAR(300),
  secrets VARCHAR(16000) NOT NULL,
  connected_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  reconnect_reason VARCHAR(2000)
);
CREATE INDEX channel_connection_workspace ON channel_connection (workspace_id);
