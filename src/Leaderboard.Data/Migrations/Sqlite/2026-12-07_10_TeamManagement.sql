-- Issue 23: organizers manage teams. A disabled team (disabled_at set) submits nothing and its tokens are refused;
-- its rows stay on the boards (docs/organizers.md says why).
ALTER TABLE teams ADD COLUMN disabled_at TEXT;

-- An organizer may invite a team's first web member from the command line, where there is no account: an
-- invitation's creator becomes optional. SQLite cannot drop a NOT NULL, so the table is rebuilt (nothing refers to it).
CREATE TABLE team_invites_rebuilt (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    code_hash TEXT NOT NULL UNIQUE,
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_by INTEGER REFERENCES users (id),
    used_at TEXT
);
INSERT INTO team_invites_rebuilt (id, team_id, code_hash, created_by, created_at, expires_at, used_by, used_at)
    SELECT id, team_id, code_hash, created_by, created_at, expires_at, used_by, used_at FROM team_invites;
DROP TABLE team_invites;
ALTER TABLE team_invites_rebuilt RENAME TO team_invites;
