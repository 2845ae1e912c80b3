-- A run answered by a caller without its pipeline's classes, such as a standalone console, waits in
-- the queue with the inputs it stopped with and the step it stopped at, so that the worker that
-- claims it, which has the pipeline's plan, decides which checkpoints the answer leaves valid.
ALTER TABLE braid_runs ADD COLUMN resume_pending_inputs TEXT;

ALTER TABLE braid_runs ADD COLUMN resume_pending_step VARCHAR(200);
