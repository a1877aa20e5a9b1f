-- Issue 11: summaries are tied to the split they were computed under, and uploads may carry an idempotency key.

-- Grows by one whenever the split changes (its private percentage, or its salt while there is a private part).
ALTER TABLE competition_settings ADD COLUMN split_version INTEGER NOT NULL DEFAULT 0;

-- The split a summary was computed under: pages read only those of the current split, and the sweeper
-- re-scores a scored submission that has none.
ALTER TABLE score_summaries ADD COLUMN split_version INTEGER NOT NULL DEFAULT 0;

-- A client's Idempotency-Key (API header or the submit form's hidden field) and a SHA-256 of what it sent,
-- so a retry within 24 h returns the first submission and a different request under the same key is refused.
ALTER TABLE submissions ADD COLUMN idempotency_key TEXT;
ALTER TABLE submissions ADD COLUMN request_sha256 TEXT;
CREATE INDEX submissions_by_idempotency_key ON submissions (team_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
