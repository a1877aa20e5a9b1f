-- Team names are unique by a key that folds case and look-alike letters (Leaderboard.Core.Accounts.DisplayNames.Key).
-- Existing teams get their key, and a new name when theirs collides or is reserved, from
-- TeamRepository.KeyExistingNamesAsync, which the portal and the command line run after migrating:
-- the folding is C# code, not SQL.
ALTER TABLE teams ADD COLUMN name_key TEXT;
CREATE UNIQUE INDEX teams_by_name_key ON teams (name_key);

-- Failed sign-ins are counted per key (an address, an account, an account from an address) instead of
-- locking the account: see Leaderboard.Core.Accounts.SignInThrottle.
CREATE TABLE sign_in_failures (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at TEXT NOT NULL
);

ALTER TABLE users DROP COLUMN failed_sign_ins;
ALTER TABLE users DROP COLUMN locked_until;
