package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The details of an incomplete {@link ConversationState}: JSON values a program reads to decide
 * what to ask, carried to {@link PipelineResult#conversationState()} and the HTML timeline.
 */
@Timeout(30)
class ConversationDetailsTest {
  private static final String ASK = "Ask the customer for their name and email.";
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void detailsReachTheResultOfARunThatStoppedEarly() {
    PipelinePlan.Builder plan = PipelinePlan.builder("SignUp");
    plan.step("collect").conversational();
    plan.step("register", 0);
    plan.output(1);

    PipelineResult<String> result = PipelineEngine.create(plan.build()).<String>execute(
        (outputs, context) -> ConversationState.incomplete("form-1", ASK,
            Map.of("missing", List.of("name", "email"), "attempt", 2)),
        (outputs, context) -> "registered");

    ConversationState<?> state = result.conversationState().orElseThrow();
    assertThat(state.context()).isEqualTo(ASK);
    assertThat(state.details()).containsExactly(
        "missing", List.of("name", "email"), "attempt", 2);
    assertThat(result.step("register").status()).isEqualTo(StepStatus.NOT_STARTED);
  }

  @Test
  void aStateWithoutDetailsHasAnEmptyMap() {
    assertThat(ConversationState.incomplete("d", ASK).details()).isEmpty();
    assertThat(ConversationState.complete("d").details()).isEmpty();
  }

  @Test
  void detailsAreADeepImmutableCopyInTheirOrder() {
    List<String> missing = new ArrayList<>(List.of("name"));
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("missing", missing);
    given.put("price", new BigDecimal("9.90"));
    given.put("nested", Map.of("ok", true));
    given.put("alpha", "a");

    ConversationState<String> state = ConversationState.incomplete("d", ASK, given);
    missing.add("email");
    given.put("late", "x");

    assertThat(state.details().keySet()).containsExactly("missing", "price", "nested", "alpha")
        .inOrder();
    assertThat(state.details().get("missing")).isEqualTo(List.of("name"));
    assertThrows(UnsupportedOperationException.class, () -> state.details().put("k", "v"));
    @SuppressWarnings("unchecked")
    List<Object> copied = (List<Object>) state.details().get("missing");
    assertThrows(UnsupportedOperationException.class, () -> copied.add("x"));
  }

  @Test
  void detailsTakePartInEquality() {
    assertThat(ConversationState.incomplete("d", ASK, Map.of("missing", List.of("name"))))
        .isEqualTo(ConversationState.incomplete("d", ASK, Map.of("missing", List.of("name"))));
    assertThat(ConversationState.incomplete("d", ASK, Map.of("missing", List.of("name"))))
        .isNotEqualTo(ConversationState.incomplete("d", ASK));
    assertThat(ConversationState.incomplete("d", ASK, Map.of("missing", List.of("name")))
        .toString()).isEqualTo(
            "ConversationState[INCOMPLETE, data=d, context=" + ASK + ", details={missing=[name]}]");
  }

  @Test
  void aValueThatIsNotJsonIsRejectedWithItsPath() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConversationState.incomplete("d", ASK,
            Map.of("missing", List.of("name", StepStatus.FAILED))));

    assertThat(e).hasMessageThat().isEqualTo("details.missing[1] is a dev.braid.runtime.StepStatus"
        + " (FAILED); details hold only strings, booleans, numbers, and lists and maps of them, so"
        + " that they can be stored and sent as JSON: convert it, for example with toString() or"
        + " an enum's name()");
  }

  @Test
  void aNullValueIsRejectedWithItsPath() {
    Map<String, Object> nested = new HashMap<>();
    nested.put("email", null);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConversationState.incomplete("d", ASK, Map.of("fields", nested)));

    assertThat(e).hasMessageThat().isEqualTo("details.fields.email is null; leave the key out, or"
        + " say what is missing with a string or a list");
  }

  @Test
  void aKeyThatIsNotAStringIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConversationState.incomplete("d", ASK, Map.of("byId", Map.of(7, "seven"))));

    assertThat(e).hasMessageThat().isEqualTo("details.byId has the key 7 (a java.lang.Integer);"
        + " details are JSON objects, whose keys are strings");
  }

  @Test
  void theHtmlTimelineShowsTheDetailsEscapedUnderTheQuestion() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("missing", Arrays.asList("name", "e\"mail"));
    details.put("<b>", Map.of("max", 3));
    PipelineResult<String> result = PipelineResult.<String>builder("SignUp")
        .steps(List.of(StepRecord.notStarted("collect")))
        .times(T0, T0.plusMillis(10))
        .stoppedEarly("collect", ConversationState.incomplete("form", ASK, details))
        .build();

    String html = result.htmlTimeline();

    assertThat(html).contains("<dl class=\"details\"><dt data-detail=\"missing\">missing</dt>"
        + "<dd><code>[&quot;name&quot;,&quot;e\\&quot;mail&quot;]</code></dd>"
        + "<dt data-detail=\"&lt;b&gt;\">&lt;b&gt;</dt><dd><code>{&quot;max&quot;:3}</code></dd>"
        + "</dl>");
    assertThat(html.indexOf(ASK)).isLessThan(html.indexOf("<dl class=\"details\">"));
  }

  @Test
  void theHtmlTimelineOfAStopWithoutDetailsHasNoDetailsList() {
    PipelineResult<String> result = PipelineResult.<String>builder("SignUp")
        .steps(List.of(StepRecord.notStarted("collect")))
        .times(T0, T0.plusMillis(10))
        .stoppedEarly("collect", ConversationState.incomplete("form", ASK))
        .build();

    assertThat(result.htmlTimeline()).doesNotContain("<dl class=\"details\"");
  }
}
