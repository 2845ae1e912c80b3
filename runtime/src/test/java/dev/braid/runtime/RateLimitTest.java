package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The buckets of a rate limit, computed at given times. */
class RateLimitTest {
  private static final long SECOND = 1_000_000;

  @Test
  void admitsOneSecondsWorthOfRequestsThenSpacesThemAtTheRate() {
    RateLimit limit = RateLimit.model("m").requestsPerMinute(120);
    RateLimit.Level level = limit.full(0);

    RateLimit.Take first = limit.take(level, 0, 0);
    RateLimit.Take second = limit.take(first.level(), 0, 0);
    RateLimit.Take third = limit.take(second.level(), 0, 0);

    assertThat(first.admitted()).isTrue();
    assertThat(second.admitted()).isTrue();
    assertThat(third.admitted()).isFalse();
    assertThat(third.waitMicros()).isEqualTo(SECOND / 2);
    assertThat(limit.take(third.level(), 0, SECOND / 2).admitted()).isTrue();
  }

  @Test
  void reservesTokensPerCallAndGivesBackWhatACallDidNotUse() {
    RateLimit limit = RateLimit.model("m").tokensPerMinute(60_000).tokensPerCall(1_000);
    RateLimit.Take first = limit.take(limit.full(0), 1_000, 0);
    RateLimit.Take refused = limit.take(first.level(), 1_000, 0);

    RateLimit.Level givenBack = limit.adjust(first.level(), 1_000 - 200, 0);

    assertThat(first.admitted()).isTrue();
    assertThat(refused.waitMicros()).isEqualTo(SECOND);
    assertThat(limit.take(givenBack, 1_000, 0).waitMicros()).isEqualTo(SECOND / 5);
  }

  @Test
  void aCallThatUsedMoreThanItReservedMakesTheNextWaitLonger() {
    RateLimit limit = RateLimit.model("m").tokensPerMinute(60_000).tokensPerCall(1_000);
    RateLimit.Level spent = limit.take(limit.full(0), 1_000, 0).level();

    RateLimit.Level charged = limit.adjust(spent, 1_000 - 4_000, 0);

    assertThat(limit.take(charged, 1_000, 0).waitMicros()).isEqualTo(4 * SECOND);
  }

  @Test
  void rejectsLimitsBelowOne() {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> RateLimit.model("gpt-4o").requestsPerMinute(0));

    assertThat(thrown).hasMessageThat()
        .isEqualTo("RateLimit.requestsPerMinute must be at least 1, was 0");
  }
}
