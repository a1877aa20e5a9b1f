-- Issue 22: quotas count per person as well as per team. Each submission records the person it is counted
-- against: the signed-in uploader, or for an API upload the person who made the token (null for tokens made
-- on the command line). Teams record who created them, so that a person's teams and team creations can be counted.
ALTER TABLE submissions ADD COLUMN person_id bigint REFERENCES users (id);
CREATE INDEX submissions_by_person ON submissions (person_id, track, created_at) WHERE person_id IS NOT NULL;
ALTER TABLE team_tokens ADD COLUMN created_by bigint REFERENCES users (id);
ALTER TABLE teams ADD COLUMN created_by bigint REFERENCES users (id);

-- A person belongs to one team per benchmark unless the organizers allow changes; a blind board (the Ladder)
-- on a benchmark with a private part unless they turn it off.
ALTER TABLE competition_settings ADD COLUMN one_team_per_person boolean NOT NULL DEFAULT TRUE;
ALTER TABLE competition_settings ADD COLUMN blind boolean NOT NULL DEFAULT TRUE;
