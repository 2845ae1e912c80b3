-- Recurring schedules. A worker fires a due schedule by moving next_fire_at forward with a
-- conditional UPDATE on the value it read, and inserts the run in the same transaction.
CREATE TABLE braid_schedules (
  name            VARCHAR(200) PRIMARY KEY,
  cron_expression VARCHAR(200) NOT NULL,
  time_zone       VARCHAR(100) NOT NULL,
  pipeline        VARCHAR(200) NOT NULL,
  priority        INTEGER      NOT NULL,
  inputs          TEXT         NOT NULL,
  next_fire_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  revision        INTEGER      NOT NULL,
  last_fire_time  TIMESTAMP WITH TIME ZONE,
  last_run_id     VARCHAR(36),
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX braid_schedules_due ON braid_schedules (next_fire_at);

-- Retention deletes ended runs by status and age.
CREATE INDEX braid_runs_finished ON braid_runs (status, finished_at);
