-- An ended run keeps its timeline as JSON: every step's attempts with their outcome, times,
-- errors and model usage, failed steps included, for a person to read where time and money went.
ALTER TABLE braid_runs ADD COLUMN timeline TEXT;
