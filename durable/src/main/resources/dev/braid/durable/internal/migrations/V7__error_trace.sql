-- A failed run keeps the stack trace of what it threw, for a person to read.
ALTER TABLE braid_runs ADD COLUMN error_trace TEXT;
