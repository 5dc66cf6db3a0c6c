-- Engagement counts as a platform reports them for a post (the vanity totals), when known. They are
-- kept apart from the ledger, which holds events with the engager's identity.
ALTER TABLE post_variant ADD COLUMN reported_reactions BIGINT;
ALTER TABLE post_variant ADD COLUMN reported_shares BIGINT;
ALTER TABLE post_variant ADD COLUMN reported_comments BIGINT;
ALTER TABLE post_variant ADD COLUMN reported_at TIMESTAMP WITH TIME ZONE;
