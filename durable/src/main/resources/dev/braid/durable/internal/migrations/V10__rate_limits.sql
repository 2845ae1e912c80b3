-- The token buckets of the models' rate limits that every worker of the database shares: a call
-- takes from its model's row under SELECT ... FOR UPDATE, so that workers take turns.
CREATE TABLE braid_rate_limits (
  model      VARCHAR(200)     PRIMARY KEY,
  requests   DOUBLE PRECISION NOT NULL,
  tokens     DOUBLE PRECISION NOT NULL,
  at_micros  BIGINT           NOT NULL
);
