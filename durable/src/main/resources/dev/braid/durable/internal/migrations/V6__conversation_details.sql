-- A run that stopped early keeps the details of its conversation state, a JSON object, beside the
-- question: what a program reads to decide what to ask.
ALTER TABLE braid_runs ADD COLUMN details TEXT;
