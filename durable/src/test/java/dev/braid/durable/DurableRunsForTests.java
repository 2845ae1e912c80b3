package dev.braid.durable;

import java.time.Duration;
import javax.sql.DataSource;

/** What tests in other packages may configure of {@link DurableRuns} beyond its public API. */
public final class DurableRunsForTests {
  private DurableRunsForTests() {}

  /**
   * Durable runs whose {@code await} reads its run only every {@code poll} unless a signal wakes
   * it, so that a test of the signals fails when they do not come.
   */
  public static DurableRuns pollingAwaitEvery(DataSource dataSource, Duration poll) {
    return DurableRuns.create(dataSource, QueueLimit.none(), poll, poll);
  }
}
