-- Issue 11: an organizer's re-run of a baseline is a claim, one per baseline and track until its job ends, so
-- parallel requests (a double click, two organizers) queue one run. The portal re-enqueues the pending ones at
-- start-up, as the in-memory queue of a previous process is gone.
CREATE TABLE baseline_rerun_requests (
    benchmark TEXT NOT NULL,
    baseline TEXT NOT NULL,
    track TEXT NOT NULL,
    actor TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    PRIMARY KEY (benchmark, baseline, track)
);
