-- Every attempt of every step, written when it ends, by each claim of the run: a running run
-- shows its attempts as they happen, and a run taken over keeps the attempts of the worker that
-- stopped. Each attempt keeps its model calls one by one as JSON, in a VARCHAR rather than a TEXT,
-- which H2 would store as a separate LOB at a cost on every step; an attempt whose calls do not
-- fit keeps its first ones.
CREATE TABLE braid_step_attempts (
  run_id              VARCHAR(36)  NOT NULL REFERENCES braid_runs (id) ON DELETE CASCADE,
  claim               INTEGER      NOT NULL,
  worker              VARCHAR(200) NOT NULL,
  step                VARCHAR(200) NOT NULL,
  attempt_number      INTEGER      NOT NULL,
  outcome             VARCHAR(20)  NOT NULL,
  started_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  waited_ms           BIGINT       NOT NULL,
  input_tokens        BIGINT       NOT NULL,
  cached_input_tokens BIGINT       NOT NULL,
  output_tokens       BIGINT       NOT NULL,
  calls               BIGINT       NOT NULL,
  cost_microcents     BIGINT       NOT NULL,
  latency_ms          BIGINT       NOT NULL,
  error               TEXT,
  error_trace         TEXT,
  model_calls         VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (run_id, claim, step, attempt_number)
);
