package dev.braid.durable.internal;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.durable.StoredModelCall;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** How an attempt's model calls are written into their column. */
class AttemptTableTest {
  private static final StoredModelCall CALL = new StoredModelCall("gpt-4o-mini",
      Instant.parse("2026-01-01T09:00:00Z"), Duration.ofMillis(420), 120, 20, 30, 270,
      "x".repeat(2_000));

  @Test
  void callsThatDoNotFitTheColumnKeepTheFirstOnesAsValidJson() {
    String json = AttemptTable.calls(Collections.nCopies(1_000, CALL));

    assertThat(json.length()).isAtMost(AttemptTable.LONGEST_CALLS);
    JsonNode calls = (JsonNode) Json.read(json, JsonNode.class);
    assertThat(calls.size()).isLessThan(1_000);
    assertThat(calls.size()).isGreaterThan(300);
    assertThat(calls.get(0).get("model").asString()).isEqualTo("gpt-4o-mini");
    assertThat(calls.get(calls.size() - 1).get("latencyMs").asLong()).isEqualTo(420);
  }

  @Test
  void fewCallsAreWrittenWhole() {
    JsonNode calls = (JsonNode) Json.read(AttemptTable.calls(List.of(CALL, CALL)),
        JsonNode.class);

    assertThat(calls.size()).isEqualTo(2);
    assertThat(calls.get(1).get("cachedInputTokens").asLong()).isEqualTo(20);
    assertThat(AttemptTable.calls(List.of())).isEqualTo("[]");
  }
}
