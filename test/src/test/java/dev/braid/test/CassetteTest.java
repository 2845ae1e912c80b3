package dev.braid.test;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelException;
import dev.braid.runtime.ModelResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cassette records a model's answers once and replays them without calling it. */
class CassetteTest {
  /** A request as a step might send it: a record Jackson writes and reads back. */
  record Prompt(String task, String text, double temperature) {}

  /** A value with structure, to show it is read back into its type. */
  record Draft(String text, List<String> cited) {}

  @TempDir
  Path directory;

  @Test
  void aRecordedAnswerIsReplayedWithoutCallingTheModel() throws Exception {
    Path file = directory.resolve("draft.json");
    ScriptedModel<Prompt, Draft> real = ScriptedModel.<Prompt, Draft>builder("gpt-4o-mini")
        .thenReply(ScriptedReply.value(new Draft("Dear Sam", List.of("KB-1")), 120, 30))
        .thenReply(ScriptedReply.retryable(429))
        .build();
    Prompt prompt = new Prompt("draft", "refund please", 0.2);
    try (Cassette cassette = Cassette.at(file)) {
      assertThat(cassette.recording()).isTrue();
      ModelClient<Prompt, Draft> recording = cassette.wrap(real, Draft.class);
      recording.call(prompt, new TestCall());
      assertThrows(ModelException.class, () -> recording.call(prompt, new TestCall()));
    }

    try (Cassette cassette = Cassette.at(file)) {
      assertThat(cassette.recording()).isFalse();
      ModelClient<Prompt, Draft> replaying = cassette.wrap(real, Draft.class);
      ModelResponse<Draft> first = replaying.call(prompt, new TestCall());
      ModelException second =
          assertThrows(ModelException.class, () -> replaying.call(prompt, new TestCall()));

      assertThat(first).isEqualTo(
          new ModelResponse<>(new Draft("Dear Sam", List.of("KB-1")), 120, 0, 30));
      assertThat(second.retryable()).isTrue();
      assertThat(second.status()).hasValue(429);
      assertThat(real.calls()).hasSize(2); // the recording's, none since
    }
    assertThat(Files.readString(file)).contains("\"text\" : \"refund please\"");
  }

  @Test
  void aRequestWithNoRecordingFailsWithADiffAgainstTheNearestOne() throws Exception {
    Path file = directory.resolve("draft.json");
    ScriptedModel<Prompt, String> real = ScriptedModel.<Prompt, String>builder("gpt-4o-mini")
        .whenRequest(prompt -> true, ScriptedReply.value("ok"))
        .build();
    try (Cassette cassette = Cassette.recording(file)) {
      ModelClient<Prompt, String> model = cassette.wrap(real, String.class);
      model.call(new Prompt("classify", "where is my parcel", 0.0), new TestCall());
      model.call(new Prompt("draft", "refund please", 0.2), new TestCall());
    }

    try (Cassette cassette = Cassette.replaying(file)) {
      ModelClient<Prompt, String> model = cassette.replay("gpt-4o-mini", String.class);
      AssertionError e = assertThrows(AssertionError.class,
          () -> model.call(new Prompt("draft", "refund please", 0.7), new TestCall()));

      assertThat(e).hasMessageThat().isEqualTo("The cassette " + file + " has no recording of"
          + " this request to model 'gpt-4o-mini'; against the nearest recorded request"
          + " (- recorded, + this request):\n"
          + "  {\n"
          + "    \"task\" : \"draft\",\n"
          + "-   \"temperature\" : 0.2,\n"
          + "+   \"temperature\" : 0.7,\n"
          + "    \"text\" : \"refund please\"\n"
          + "  }\n"
          + "Record the cassette again with -Dbraid.cassettes=record if the request changed on"
          + " purpose.");
    }
  }

  @Test
  void replayingAMissingCassetteSaysHowToRecordIt() {
    Path file = directory.resolve("missing.json");

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Cassette.replaying(file));

    assertThat(e).hasMessageThat().isEqualTo("No cassette at " + file.toAbsolutePath()
        + "; record it once against the real model with -Dbraid.cassettes=record");
  }
}
