-- The fingerprint of its step's shape when a checkpoint was written: a worker whose build gives
-- the step another fingerprint runs the step again instead of reading the checkpoint.
ALTER TABLE braid_step_checkpoints ADD COLUMN fingerprint VARCHAR(64);
-- The version of the pipeline a run was submitted with, or first run by, and its input types then.
ALTER TABLE braid_runs ADD COLUMN version VARCHAR(64);

ALTER TABLE braid_runs ADD COLUMN input_types TEXT;
