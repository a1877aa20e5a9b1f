-- Container submissions: a team hands over an image; the portal runs it and the ranking file it writes
-- takes the upload path (file_name, stored_file, sha256 and bytes are filled in when the run ends).
ALTER TABLE submissions ADD COLUMN source TEXT NOT NULL DEFAULT 'File';   -- 'File' | 'Image'
ALTER TABLE submissions ADD COLUMN image_reference TEXT;                  -- as the team gave it
ALTER TABLE submissions ADD COLUMN image_digest TEXT;                     -- what actually ran (sha256:…)
ALTER TABLE submissions ADD COLUMN container_name TEXT;                   -- unique per attempt: kill and remove by it
ALTER TABLE submissions ADD COLUMN container_state TEXT;                  -- ContainerState, by name
ALTER TABLE submissions ADD COLUMN container_started_at TEXT;
ALTER TABLE submissions ADD COLUMN container_finished_at TEXT;
ALTER TABLE submissions ADD COLUMN container_exit_code INTEGER;

-- stdout and stderr of a run, each cut at the configured cap (truncated = 1 when bytes were dropped).
-- Shown to the team only, in a table of its own so that listing submissions never loads them.
CREATE TABLE container_logs (
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    stream TEXT NOT NULL,                                              -- 'stdout' | 'stderr'
    text TEXT NOT NULL CHECK (length(text) <= 1048576),
    truncated INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (submission_id, stream)
);
