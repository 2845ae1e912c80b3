-- The calls waiting for a model's rate limit, one per worker: each worker's first waiting call
-- says its run's priority and since when it waits, and the limit admits only the best of those
-- that still ask, so that priority holds across workers. A waiter that stops asking is forgotten.
CREATE TABLE braid_rate_limit_waiters (
  model        VARCHAR(200) NOT NULL,
  waiter       VARCHAR(36)  NOT NULL,
  priority     INTEGER      NOT NULL,
  since_micros BIGINT       NOT NULL,
  asked_micros BIGINT       NOT NULL,
  PRIMARY KEY (model, waiter)
);
