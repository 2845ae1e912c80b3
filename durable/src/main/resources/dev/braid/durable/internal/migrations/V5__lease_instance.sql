-- The running worker instance (one per Worker.start) that holds a run's lease: a worker that
-- starts again under the same worker id takes over at once the runs of its own instances that
-- are no longer alive, and never those of one that is.
ALTER TABLE braid_runs ADD COLUMN lease_instance VARCHAR(36);
