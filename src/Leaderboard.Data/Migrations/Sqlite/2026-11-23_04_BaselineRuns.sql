-- Progress of in-house baseline runs (conversations done / total), so a long one can be watched, and
-- why a baseline was skipped or failed.
CREATE TABLE baseline_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    benchmark TEXT NOT NULL,
    baseline TEXT NOT NULL,
    track TEXT NOT NULL,
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL,
    finished_at TEXT,
    error TEXT
);
CREATE INDEX baseline_runs_by_benchmark ON baseline_runs (benchmark, id);
