-- The pipelines each running worker instance runs, with a heartbeat: a submit can tell whether a
-- live worker will ever claim its run. A row whose expires_at has passed is a worker that stopped
-- or died.
CREATE TABLE braid_worker_pipelines (
  instance     VARCHAR(36)  NOT NULL,
  worker_id    VARCHAR(200) NOT NULL,
  pipeline     VARCHAR(200) NOT NULL,
  version      VARCHAR(64),
  heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (instance, pipeline)
);

CREATE INDEX braid_worker_pipelines_live ON braid_worker_pipelines (pipeline, expires_at);

-- Why a queued run is not moving, such as "no worker runs pipeline X"; cleared when it is claimed.
ALTER TABLE braid_runs ADD COLUMN notice TEXT;
