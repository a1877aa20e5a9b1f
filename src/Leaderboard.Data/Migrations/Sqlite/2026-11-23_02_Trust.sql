-- People, teams, tokens, the competition's settings, moderation and the audit log (issue 4).

-- A person signs in with an email and a password (ASP.NET Core's PasswordHasher: PBKDF2, salted).
-- A participant belongs to at most one team; organizers moderate.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    is_organizer INTEGER NOT NULL DEFAULT 0,
    must_change_password INTEGER NOT NULL DEFAULT 0,   -- a one-time password from `leaderboard admin create`
    team_id INTEGER REFERENCES teams (id),
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    -- Changes when the password, the role or the team changes, so that other signed-in browsers are signed out or refreshed.
    security_stamp TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX users_by_team ON users (team_id);

-- One-time invitation codes, stored hashed like tokens.
CREATE TABLE team_invites (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    code_hash TEXT NOT NULL UNIQUE,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_by INTEGER REFERENCES users (id),
    used_at TEXT
);

ALTER TABLE team_tokens ADD COLUMN name TEXT NOT NULL DEFAULT 'first token';
ALTER TABLE team_tokens ADD COLUMN revoked_at TEXT;

-- One row per benchmark; missing means the defaults (auto-publish, no private part, no deadline).
CREATE TABLE competition_settings (
    benchmark TEXT PRIMARY KEY,
    auto_publish INTEGER NOT NULL,
    private_percent INTEGER NOT NULL,
    split_salt TEXT NOT NULL,
    deadline TEXT,
    revealed_at TEXT,
    daily_quota INTEGER NOT NULL,
    total_quota INTEGER NOT NULL,
    daily_invalid_cap INTEGER NOT NULL,
    final_picks INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

-- Who may see a submission: Private until scored, then Published or Pending (held for review), and
-- Hidden or Rejected by an organizer. Replaces the published flag.
ALTER TABLE submissions ADD COLUMN visibility TEXT NOT NULL DEFAULT 'Private';
UPDATE submissions SET visibility = 'Published' WHERE published = 1;
DROP INDEX submissions_by_track;
ALTER TABLE submissions DROP COLUMN published;
CREATE INDEX submissions_by_track ON submissions (benchmark, track, visibility, status);
CREATE INDEX submissions_by_team ON submissions (team_id, track, created_at);
ALTER TABLE submissions ADD COLUMN review_reason TEXT;
ALTER TABLE submissions ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN final_pick INTEGER NOT NULL DEFAULT 0;

-- Summaries per part of the split: 'all' (every conversation), 'public' and 'private'.
CREATE TABLE score_summaries_by_part (
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    part TEXT NOT NULL,
    scope TEXT NOT NULL,
    conversations INTEGER NOT NULL,
    recall REAL NOT NULL, recall_lower REAL NOT NULL, recall_upper REAL NOT NULL,
    ndcg REAL NOT NULL, ndcg_lower REAL NOT NULL, ndcg_upper REAL NOT NULL,
    mrr REAL NOT NULL, mrr_lower REAL NOT NULL, mrr_upper REAL NOT NULL,
    PRIMARY KEY (submission_id, part, scope)
);
INSERT INTO score_summaries_by_part
    SELECT submission_id, 'all', scope, conversations, recall, recall_lower, recall_upper, ndcg, ndcg_lower, ndcg_upper, mrr, mrr_lower, mrr_upper
    FROM score_summaries;
DROP TABLE score_summaries;
ALTER TABLE score_summaries_by_part RENAME TO score_summaries;

-- The final ranking, written once by the organizers' reveal: which submissions stand for each team.
CREATE TABLE final_entries (
    benchmark TEXT NOT NULL,
    track TEXT NOT NULL,
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    PRIMARY KEY (benchmark, track, submission_id)
);

-- Organizer actions and account events; submission state changes stay in submission_events and the
-- audit page shows both.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    submission_id INTEGER REFERENCES submissions (id),
    team_id INTEGER REFERENCES teams (id),
    reason TEXT
);

CREATE INDEX audit_by_time ON audit_log (at);
