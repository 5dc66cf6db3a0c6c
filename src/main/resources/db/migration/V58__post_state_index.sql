-- The Posts page counts a workspace's posts per state and lists one state's newest first: both
-- read this index instead of every post row of the workspace.
CREATE INDEX post_workspace_state ON post (workspace_id, state, id);
