package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Usage arithmetic and money in microcents: exact, never negative, never silently wrapped. */
class UsageTest {

  @Test
  void sumsEveryFieldAndTotalsInputPlusOutput() {
    Usage a = new Usage(100, 40, 20, 1, 7);
    Usage b = new Usage(5, 0, 3, 2, 11);

    Usage sum = a.plus(b);

    assertThat(sum).isEqualTo(new Usage(105, 40, 23, 3, 18));
    assertThat(sum.totalTokens()).isEqualTo(128);
    assertThat(Usage.NONE.plus(a)).isSameInstanceAs(a);
    assertThat(a.plus(Usage.NONE)).isSameInstanceAs(a);
    assertThat(Usage.NONE.isNone()).isTrue();
    assertThat(a.isNone()).isFalse();
  }

  @Test
  void aCallsUsageNamesItsModelAndLatencyAndASumKeepsThemPerModel() {
    Usage first = Usage.ofCall("gpt-4o-mini", 100, 40, 20, 7, Duration.ofMillis(300));
    Usage second = Usage.ofCall("claude-3-5-haiku", 5, 0, 3, 11, Duration.ofMillis(200));
    Usage third = Usage.ofCall("gpt-4o-mini", 10, 0, 2, 1, Duration.ofMillis(50));

    Usage sum = first.plus(second).plus(third);

    assertThat(first.model()).hasValue("gpt-4o-mini");
    assertThat(first.latency()).isEqualTo(Duration.ofMillis(300));
    assertThat(first.byModel()).containsExactly("gpt-4o-mini",
        new ModelUsage(100, 40, 20, 1, 7, Duration.ofMillis(300)));
    assertThat(sum.calls()).isEqualTo(3);
    assertThat(sum.latency()).isEqualTo(Duration.ofMillis(550));
    assertThat(sum.model()).isEmpty();
    assertThat(sum.byModel()).containsExactly(
        "claude-3-5-haiku", new ModelUsage(5, 0, 3, 1, 11, Duration.ofMillis(200)),
        "gpt-4o-mini", new ModelUsage(110, 40, 22, 2, 8, Duration.ofMillis(350))).inOrder();
    assertThat(first.plus(third).model()).hasValue("gpt-4o-mini");
    assertThat(sum.toString()).isEqualTo("Usage[3 calls, 115 in (40 cached), 25 out, $0.00000019,"
        + " 550 ms, models claude-3-5-haiku x1, gpt-4o-mini x2]");
  }

  @Test
  void usageWithoutModelsNamesNoneAndAddsNoLatency() {
    Usage unnamed = new Usage(1, 0, 1, 1, 1);
    Usage named = Usage.ofCall("m", 1, 0, 1, 1, Duration.ofMillis(5));

    assertThat(unnamed.model()).isEmpty();
    assertThat(unnamed.latency()).isEqualTo(Duration.ZERO);
    assertThat(unnamed.byModel()).isEmpty();
    // The unnamed call counts in the totals but not under any model, so no one model took all.
    assertThat(unnamed.plus(named).model()).isEmpty();
    assertThat(unnamed.plus(named).byModel().keySet()).containsExactly("m");
    assertThrows(UnsupportedOperationException.class, () -> named.byModel().clear());
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> Usage.ofCall("m", 1, 0, 1, 1, Duration.ofMillis(-1)))).hasMessageThat()
            .isEqualTo("ModelUsage fields must not be negative: 1 in (0 cached), 1 out, 1 calls,"
                + " 1 microcents, latency PT-0.001S");
  }

  @Test
  void aSumThatWouldOverflowThrowsRatherThanWraps() {
    Usage huge = new Usage(0, 0, 0, 0, Long.MAX_VALUE);

    assertThrows(ArithmeticException.class, () -> huge.plus(new Usage(0, 0, 0, 0, 1)));
  }

  @Test
  void rejectsNegativeFieldsAndMoreCachedThanInputTokens() {
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> new Usage(-1, 0, 0, 0, 0));
    IllegalArgumentException cached =
        assertThrows(IllegalArgumentException.class, () -> new Usage(10, 11, 0, 1, 0));

    assertThat(negative).hasMessageThat().isEqualTo("Usage.inputTokens must not be negative, was -1");
    assertThat(cached).hasMessageThat()
        .isEqualTo("cachedInputTokens (11) are part of inputTokens (10) and cannot exceed them");
  }

  @Test
  void formatsMicrocentsAsDollarsWithTheDecimalsTheyNeed() {
    assertThat(Microcents.format(0)).isEqualTo("$0.00");
    assertThat(Microcents.format(Microcents.DOLLAR)).isEqualTo("$1.00");
    assertThat(Microcents.format(250 * Microcents.CENT)).isEqualTo("$2.50");
    assertThat(Microcents.format(36_000)).isEqualTo("$0.00036");
    assertThat(Microcents.format(1)).isEqualTo("$0.00000001");
    assertThat(Microcents.format(-5 * Microcents.CENT)).isEqualTo("-$0.05");
  }

  @Test
  void parsesDollarsExactlyAndRejectsWhatIsNotMoney() {
    assertThat(Microcents.fromDollars("$2.50")).isEqualTo(250 * Microcents.CENT);
    assertThat(Microcents.fromDollars(" 0.075 ")).isEqualTo(7_500_000);
    assertThat(Microcents.fromDollars("0.00000001")).isEqualTo(1);

    assertThat(assertThrows(IllegalArgumentException.class,
        () -> Microcents.fromDollars("0.000000001"))).hasMessageThat().isEqualTo(
            "Dollar amount '0.000000001' has 9 decimals, finer than a microcent (a"
                + " hundred-millionth of a dollar); write it as \"$0.10\", \"0.10\" or \"12\","
                + " with at most 8 decimals (one microcent)");
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> Microcents.fromDollars("-1"))).hasMessageThat()
            .isEqualTo("Dollar amount '-1' is negative; a cost budget must be zero or more");
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> Microcents.fromDollars("two"))).hasMessageThat()
            .isEqualTo("'two' is not a dollar amount; write it as \"$0.10\", \"0.10\" or \"12\","
                + " with at most 8 decimals (one microcent)");
  }
}
