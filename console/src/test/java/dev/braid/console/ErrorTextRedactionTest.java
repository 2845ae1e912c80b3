package dev.braid.console;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The rule that hides redacted values in error texts, and its limits. */
class ErrorTextRedactionTest {
  private static final Redaction REDACTION = new Redaction(Set.of("email", "Phone"));

  private static ErrorTextRedaction over(String... json) {
    return REDACTION.inText(List.of(json).stream().map(Json.MAPPER::readTree)
        .map(JsonNode.class::cast).toList());
  }

  @Test
  void aStoredValueIsHiddenWhereverItAppears() {
    ErrorTextRedaction text = over("[{\"customer\":\"ann\",\"email\":\"ann@example.com\"}]");

    assertThat(text.apply("cannot mail ann@example.com: mailbox full\n\tat Mailer.send"))
        .isEqualTo("cannot mail [redacted]: mailbox full\n\tat Mailer.send");
    assertThat(text.apply("customer ann")).isEqualTo("customer ann");
  }

  @Test
  void everyScalarInsideARedactedFieldIsHiddenAndNamesAreMatchedInAnyCase() {
    ErrorTextRedaction text =
        over("{\"contact\":{\"PHONE\":{\"home\":\"555-0100\",\"work\":[\"555-0199\", 42]}}}");

    assertThat(text.apply("no answer at 555-0100 or 555-0199"))
        .isEqualTo("no answer at [redacted] or [redacted]");
  }

  @Test
  void aNamedFieldLosesItsValueInJsonRecordsAndMessagesEvenIfNeverStored() {
    ErrorTextRedaction text = over("{}");

    assertThat(text.apply("bad body {\"email\": \"x@y.z\", \"age\": 3}"))
        .isEqualTo("bad body {\"email\": [redacted], \"age\": 3}");
    assertThat(text.apply("Request[customer=bo, email=bo@ex.com, order=A-1]"))
        .isEqualTo("Request[customer=bo, email=[redacted], order=A-1]");
    assertThat(text.apply("GET /mail?email=bo@ex.com&x=1 failed; phone: 555 0100\nnext"))
        .isEqualTo("GET /mail?email=[redacted]; phone: [redacted]\nnext");
    assertThat(text.apply("emailAddress=kept, reemail=kept")).isEqualTo(
        "emailAddress=kept, reemail=kept");
  }

  @Test
  void aValueFoundAndNamedIsMarkedOnce() {
    ErrorTextRedaction text = over("[{\"email\":\"bo@ex.com\"}]");

    assertThat(text.apply("Request[email=bo@ex.com]")).isEqualTo("Request[email=[redacted]]");
    assertThat(text.apply("{\"email\":\"bo@ex.com\"}")).isEqualTo("{\"email\":\"[redacted]\"}");
  }

  @Test
  void shortValuesAreNotSearchedForAndNoNamesHideNothing() {
    ErrorTextRedaction text = over("{\"email\":\"ab\"}");

    assertThat(text.apply("tab ab")).isEqualTo("tab ab");
    assertThat(new Redaction(Set.of()).inText(List.of(Json.MAPPER.readTree("{\"email\":\"x@y\"}")))
        .apply("x@y email=x@y")).isEqualTo("x@y email=x@y");
    assertThat(text.apply(null)).isNull();
  }
}
