-- Claiming reads queued and expired runs by pipeline and status, never the finished ones, which
-- pile up until retention deletes them.
CREATE INDEX braid_runs_claim ON braid_runs (pipeline, status, priority, not_before);
