-- Issue 11: a valid file's notices (what the reader did with it, e.g. a second spelling of a ranked candidate
-- merged into the first) are kept beside its scores, so the team sees them on the page and in the API.
-- Like submission_issues: the first ValidationReport.MaxListedIssues of them, and how many there were.
CREATE TABLE submission_notices (
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    ordinal INTEGER NOT NULL,
    code TEXT NOT NULL,
    line INTEGER NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (submission_id, ordinal)
);

ALTER TABLE submissions ADD COLUMN notice_count INTEGER NOT NULL DEFAULT 0;
