-- "Who engaged with this post": the engagers of one variant, newest first, without scanning the
-- workspace's ledger.
CREATE INDEX engagement_variant ON engagement (variant_id, occurred_at);
