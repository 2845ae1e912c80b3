package dev.braid.processor.model;

import static com.google.common.truth.Truth.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DurationSyntaxTest {

  @Test
  void readsAWholeNumberWithAUnit() {
    assertThat(DurationSyntax.parseMillis("250ms")).isEqualTo(OptionalLong.of(250));
    assertThat(DurationSyntax.parseMillis("30s")).isEqualTo(OptionalLong.of(30_000));
    assertThat(DurationSyntax.parseMillis("2m")).isEqualTo(OptionalLong.of(120_000));
    assertThat(DurationSyntax.parseMillis("1h")).isEqualTo(OptionalLong.of(3_600_000));
    assertThat(DurationSyntax.parseMillis("0ms")).isEqualTo(OptionalLong.of(0));
  }

  @Test
  void readsIso8601IncludingNegativeDurations() {
    assertThat(DurationSyntax.parseMillis("PT30S")).isEqualTo(OptionalLong.of(30_000));
    assertThat(DurationSyntax.parseMillis("PT1.5S")).isEqualTo(OptionalLong.of(1_500));
    assertThat(DurationSyntax.parseMillis("P1D")).isEqualTo(OptionalLong.of(86_400_000));
    assertThat(DurationSyntax.parseMillis("-PT1S")).isEqualTo(OptionalLong.of(-1_000));
  }

  @Test
  void rejectsEverythingElse() {
    for (String text : new String[] {
        "", "30", "30 s", " 30s", "30S", "-5s", "1.5s", "30sec", "1d", "fast", "PT", "PT0.0005S",
        "99999999999999999999ms", "9223372036854775807h"}) {
      assertThat(DurationSyntax.parseMillis(text)).isEqualTo(OptionalLong.empty());
    }
  }
}
