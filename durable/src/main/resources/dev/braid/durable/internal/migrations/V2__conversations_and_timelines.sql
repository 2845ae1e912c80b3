-- A run that stopped early keeps where and why, so that a person can answer and resume it.
ALTER TABLE braid_runs ADD COLUMN stopped_at VARCHAR(200);

ALTER TABLE braid_runs ADD COLUMN question TEXT;

ALTER TABLE braid_runs ADD COLUMN state TEXT;

-- Claims before the last resume: maxAttempts counts the claims since then.
ALTER TABLE braid_runs ADD COLUMN attempts_before_resume INTEGER DEFAULT 0 NOT NULL;

-- Checkpoints keep when their step started and how many attempts it took: the run's timeline.
ALTER TABLE braid_step_checkpoints ADD COLUMN started_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE braid_step_checkpoints ADD COLUMN step_attempts INTEGER DEFAULT 1 NOT NULL;
