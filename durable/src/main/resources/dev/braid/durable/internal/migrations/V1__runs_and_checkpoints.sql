-- One schema for H2 and PostgreSQL: portable types only. JSON is kept as TEXT.
CREATE TABLE braid_runs (
  id               VARCHAR(36)  PRIMARY KEY,
  pipeline         VARCHAR(200) NOT NULL,
  status           VARCHAR(20)  NOT NULL,
  priority         INTEGER      NOT NULL,
  not_before       TIMESTAMP WITH TIME ZONE NOT NULL,
  inputs           TEXT         NOT NULL,
  lease_owner      VARCHAR(200),
  lease_expires_at TIMESTAMP WITH TIME ZONE,
  attempts         INTEGER      NOT NULL,
  cancel_requested BOOLEAN      NOT NULL,
  result           TEXT,
  error            TEXT,
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  started_at       TIMESTAMP WITH TIME ZONE,
  finished_at      TIMESTAMP WITH TIME ZONE
);

CREATE INDEX braid_runs_queue ON braid_runs (status, priority, not_before);

CREATE INDEX braid_runs_pipeline ON braid_runs (pipeline, created_at);

CREATE TABLE braid_step_checkpoints (
  run_id              VARCHAR(36)  NOT NULL REFERENCES braid_runs (id) ON DELETE CASCADE,
  step                VARCHAR(200) NOT NULL,
  output              TEXT         NOT NULL,
  input_tokens        BIGINT       NOT NULL,
  cached_input_tokens BIGINT       NOT NULL,
  output_tokens       BIGINT       NOT NULL,
  calls               BIGINT       NOT NULL,
  cost_microcents     BIGINT       NOT NULL,
  finished_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (run_id, step)
);
