-- One row per workspace and kind of refresh (focus, stages): the refresh of a workspace locks its
-- row so that two nodes never refresh the same thing at once. Ingest takes the workspace row
-- instead; a refresh holds that only for the moment it reads its watermark, so a long first
-- refresh of a large audience no longer holds up ingest.
CREATE TABLE refresh_lock (
  workspace_id BIGINT NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
  kind VARCHAR(16) NOT NULL,
  PRIMARY KEY (workspace_id, kind)
);
