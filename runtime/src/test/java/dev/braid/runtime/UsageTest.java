package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
