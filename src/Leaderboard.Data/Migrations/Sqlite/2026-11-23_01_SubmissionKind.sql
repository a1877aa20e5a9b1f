-- In-house baselines go through the same path as teams' uploads; they are marked, not separate.
ALTER TABLE submissions ADD COLUMN kind TEXT NOT NULL DEFAULT 'Team';
ALTER TABLE submissions ADD COLUMN baseline TEXT;
CREATE INDEX submissions_by_baseline ON submissions (baseline, track);
