-- Issue 23: organizers manage teams. A disabled team (disabled_at set) submits nothing and its tokens are refused;
-- its rows stay on the boards (docs/organizers.md says why).
ALTER TABLE teams ADD COLUMN disabled_at timestamptz;

-- An organizer may invite a team's first web member from the command line, where there is no account.
ALTER TABLE team_invites ALTER COLUMN created_by DROP NOT NULL;
