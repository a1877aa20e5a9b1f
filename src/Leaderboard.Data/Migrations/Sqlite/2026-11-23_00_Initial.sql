-- Benchmarks as released. ground_truth is the hidden answer, in its own table so that no query
-- over conversations can reach it by accident.
CREATE TABLE benchmarks (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    imported_at TEXT NOT NULL
);

CREATE TABLE conversations (
    benchmark_id INTEGER NOT NULL REFERENCES benchmarks (id),
    position INTEGER NOT NULL,
    id TEXT NOT NULL,
    subreddit TEXT NOT NULL,
    query TEXT NOT NULL,
    post_text TEXT NOT NULL,
    reference_urls TEXT NOT NULL,   -- JSON list
    candidate_names TEXT NOT NULL,  -- JSON list, as released (duplicates included)
    PRIMARY KEY (benchmark_id, id)
);

CREATE TABLE ground_truth (
    benchmark_id INTEGER NOT NULL REFERENCES benchmarks (id),
    conversation_id TEXT NOT NULL,
    relevant_names TEXT NOT NULL,   -- JSON list, as released
    PRIMARY KEY (benchmark_id, conversation_id)
);

CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at TEXT NOT NULL
);

CREATE TABLE team_tokens (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    prefix TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,      -- SHA-256 of the secret; the secret itself is never stored
    created_at TEXT NOT NULL,
    last_used_at TEXT
);

CREATE TABLE submissions (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    benchmark TEXT NOT NULL,
    track TEXT NOT NULL,
    method TEXT NOT NULL,
    description TEXT NOT NULL,
    paper_url TEXT,
    code_url TEXT,
    file_name TEXT NOT NULL,
    stored_file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    status TEXT NOT NULL,
    status_reason TEXT,
    format TEXT,
    published INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX submissions_by_status ON submissions (status, updated_at);
CREATE INDEX submissions_by_track ON submissions (benchmark, track, published, status);

-- Every state change, with time, actor and reason.
CREATE TABLE submission_events (
    id INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    at TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT
);

CREATE TABLE submission_issues (
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    ordinal INTEGER NOT NULL,
    code TEXT NOT NULL,
    line INTEGER NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (submission_id, ordinal)
);

CREATE TABLE submission_issue_counts (
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    code TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (submission_id, code)
);

-- The stored truth of a score: every conversation's measures at k = 1, 5, 10, 20 and MRR.
CREATE TABLE conversation_scores (
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    position INTEGER NOT NULL,
    conversation_id TEXT NOT NULL,
    genre TEXT NOT NULL,
    recall_1 REAL NOT NULL, recall_5 REAL NOT NULL, recall_10 REAL NOT NULL, recall_20 REAL NOT NULL,
    ndcg_1 REAL NOT NULL, ndcg_5 REAL NOT NULL, ndcg_10 REAL NOT NULL, ndcg_20 REAL NOT NULL,
    precision_1 REAL NOT NULL, precision_5 REAL NOT NULL, precision_10 REAL NOT NULL, precision_20 REAL NOT NULL,
    hit_1 REAL NOT NULL, hit_5 REAL NOT NULL, hit_10 REAL NOT NULL, hit_20 REAL NOT NULL,
    mrr REAL NOT NULL,
    PRIMARY KEY (submission_id, position)
);

-- Derived from conversation_scores when a submission is scored, so pages need not re-aggregate.
-- scope is 'overall' or a genre.
CREATE TABLE score_summaries (
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    scope TEXT NOT NULL,
    conversations INTEGER NOT NULL,
    recall REAL NOT NULL, recall_lower REAL NOT NULL, recall_upper REAL NOT NULL,
    ndcg REAL NOT NULL, ndcg_lower REAL NOT NULL, ndcg_upper REAL NOT NULL,
    mrr REAL NOT NULL, mrr_lower REAL NOT NULL, mrr_upper REAL NOT NULL,
    PRIMARY KEY (submission_id, scope)
);
