package dev.braid.test;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelException;
import dev.braid.runtime.ModelResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A file of a real model's answers, recorded once and replayed offline: {@link #wrap} a real
 * {@link ModelClient}, and a test run against a provider once writes every request and its answer
 * (or the provider's failure) to the file; from then on the same test answers from the file and
 * never calls the provider, so CI stays offline and deterministic.
 *
 * <pre>{@code
 * try (Cassette cassette = Cassette.at(Path.of("src/test/resources/cassettes/draft.json"))) {
 *   ModelClient<Prompt, String> model = cassette.wrap(realModel, String.class);
 *   ...
 * }
 * }</pre>
 *
 * <p>The file is replayed when it exists and recorded when it does not; {@code
 * -Dbraid.cassettes=record} records it again, {@code -Dbraid.cassettes=replay} refuses to record.
 * A replayed request must equal a recorded one of the same model, as JSON; identical requests get
 * their recorded answers in turn, the last one again. A request with no recording fails the call
 * with an {@link AssertionError} that shows how it differs from the nearest recorded request.
 * Requests and values are written with Jackson, so they must be types Jackson can read back.
 *
 * <p>Thread-safe. {@link #close()} writes a recording; a replay writes nothing.
 */
public final class Cassette implements AutoCloseable {
  /** The system property that forces a mode: {@code record} or {@code replay}. */
  public static final String MODE_PROPERTY = "braid.cassettes";

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private final Path file;
  private final boolean recording;
  private final List<Interaction> interactions; // guarded by this
  private final Map<String, Integer> replayed = new HashMap<>(); // guarded by this

  private Cassette(Path file, boolean recording, List<Interaction> interactions) {
    this.file = file;
    this.recording = recording;
    this.interactions = interactions;
  }

  /** Replays {@code file} if it exists, else records it; {@value #MODE_PROPERTY} overrides. */
  public static Cassette at(Path file) {
    Objects.requireNonNull(file, "file");
    String mode = System.getProperty(MODE_PROPERTY, "");
    return switch (mode) {
      case "record" -> recording(file);
      case "replay" -> replaying(file);
      case "" -> Files.exists(file) ? replaying(file) : recording(file);
      default -> throw new IllegalArgumentException("-D" + MODE_PROPERTY + " must be 'record' or"
          + " 'replay', was '" + mode + "'");
    };
  }

  /** Records every call to {@code file}, replacing what it held, when closed. */
  public static Cassette recording(Path file) {
    return new Cassette(file, true, new ArrayList<>());
  }

  /**
   * Answers from {@code file}, which must exist.
   *
   * @throws IllegalStateException if it does not, saying how to record it
   */
  public static Cassette replaying(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalStateException("No cassette at " + file.toAbsolutePath() + "; record it"
          + " once against the real model with -D" + MODE_PROPERTY + "=record");
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      List<Interaction> read = new ArrayList<>();
      for (JsonNode node : root.path("interactions")) {
        read.add(Interaction.of(node));
      }
      return new Cassette(file, false, read);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Cannot read the cassette " + file.toAbsolutePath()
          + ": " + e.getMessage(), e);
    }
  }

  /** Whether this cassette records calls, rather than replaying them. */
  public boolean recording() {
    return recording;
  }

  /**
   * {@code real} while recording, which it calls and records; while replaying, a client billed as
   * the same model that answers from the file and never calls {@code real}.
   *
   * @param valueType the type of the values the model returns, to read them back
   */
  public <Q, R> ModelClient<Q, R> wrap(ModelClient<Q, R> real, Type valueType) {
    Objects.requireNonNull(real, "real");
    JavaType type = JSON.getTypeFactory().constructType(Objects.requireNonNull(valueType));
    return recording ? new Recorder<>(real, this) : new Player<>(real.model(), type, this);
  }

  /**
   * A client for {@code model} that only replays, for tests that have no real client at hand.
   *
   * @throws IllegalStateException if this cassette is recording
   */
  public <Q, R> ModelClient<Q, R> replay(String model, Type valueType) {
    if (recording) {
      throw new IllegalStateException("The cassette " + file + " is recording, and replay(\""
          + model + "\", …) has no real model to record; use wrap(realModel, type)");
    }
    return new Player<>(model, JSON.getTypeFactory().constructType(valueType), this);
  }

  /** Writes the recording, if this cassette records. */
  @Override
  public synchronized void close() {
    if (!recording) {
      return;
    }
    ObjectNode root = JSON.createObjectNode();
    var array = root.putArray("interactions");
    interactions.forEach(interaction -> array.add(interaction.toJson()));
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, JSON.writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the cassette " + file.toAbsolutePath(), e);
    }
  }

  private synchronized void record(Interaction interaction) {
    interactions.add(interaction);
  }

  /** The interaction recorded for {@code request}, in turn; or an error with the nearest one. */
  private synchronized Interaction find(String model, JsonNode request) {
    List<Interaction> matches = new ArrayList<>();
    for (Interaction interaction : interactions) {
      if (interaction.model.equals(model) && interaction.request.equals(request)) {
        matches.add(interaction);
      }
    }
    if (matches.isEmpty()) {
      throw new AssertionError(CassetteMissFormatter.format(file, model, request, interactions));
    }
    String key = model + "\n" + request;
    int turn = replayed.merge(key, 1, Integer::sum) - 1;
    return matches.get(Math.min(turn, matches.size() - 1));
  }

  /** One call and how it ended: a response or a classified failure. */
  record Interaction(String model, JsonNode request, @Nullable JsonNode value, long inputTokens,
      long cachedInputTokens, long outputTokens, @Nullable String failure, boolean retryable,
      int status) {

    static Interaction of(JsonNode node) {
      JsonNode response = node.path("response");
      JsonNode failed = node.path("failure");
      JsonNode counts = response.isMissingNode() ? failed : response;
      return new Interaction(node.path("model").asString(), node.path("request"),
          response.isMissingNode() ? null : response.path("value"),
          counts.path("inputTokens").asLong(0), counts.path("cachedInputTokens").asLong(0),
          counts.path("outputTokens").asLong(0),
          failed.isMissingNode() ? null : failed.path("message").asString(),
          failed.path("retryable").asBoolean(false), failed.path("status").asInt(0));
    }

    JsonNode toJson() {
      ObjectNode node = JSON.createObjectNode();
      node.put("model", model);
      node.set("request", request);
      if (failure != null) {
        ObjectNode failed = node.putObject("failure");
        failed.put("message", failure);
        failed.put("retryable", retryable);
        if (status != 0) {
          failed.put("status", status);
        }
        if (inputTokens != 0 || outputTokens != 0) {
          failed.put("inputTokens", inputTokens);
          failed.put("cachedInputTokens", cachedInputTokens);
          failed.put("outputTokens", outputTokens);
        }
      } else {
        ObjectNode response = node.putObject("response");
        response.set("value", value);
        response.put("inputTokens", inputTokens);
        response.put("cachedInputTokens", cachedInputTokens);
        response.put("outputTokens", outputTokens);
      }
      return node;
    }
  }

  /** Calls the real model and records what it answered. */
  private record Recorder<Q, R>(ModelClient<Q, R> real, Cassette cassette)
      implements ModelClient<Q, R> {
    @Override
    public String model() {
      return real.model();
    }

    @Override
    public ModelResponse<R> call(Q request, ModelCall call) throws Exception {
      JsonNode requestJson = JSON.valueToTree(request);
      ModelResponse<R> response;
      try {
        response = real.call(request, call);
      } catch (ModelException e) {
        cassette.record(new Interaction(real.model(), requestJson, null, e.inputTokens(),
            e.cachedInputTokens(), e.outputTokens(), String.valueOf(e.getMessage()),
            e.retryable(), e.status().orElse(0)));
        throw e;
      }
      cassette.record(new Interaction(real.model(), requestJson, JSON.valueToTree(response.value()),
          response.inputTokens(), response.cachedInputTokens(), response.outputTokens(), null,
          false, 0));
      return response;
    }
  }

  /** Answers from the cassette. */
  private record Player<Q, R>(String model, JavaType valueType, Cassette cassette)
      implements ModelClient<Q, R> {
    @Override
    public ModelResponse<R> call(Q request, ModelCall call) {
      Interaction recorded = cassette.find(model, JSON.valueToTree(request));
      if (recorded.failure() != null) {
        ModelException failure = new ModelException(recorded.failure(), recorded.retryable(),
            recorded.status(), null);
        throw recorded.inputTokens() == 0 && recorded.outputTokens() == 0 ? failure
            : failure.withTokens(recorded.inputTokens(), recorded.cachedInputTokens(),
                recorded.outputTokens());
      }
      R value = JSON.convertValue(recorded.value(), valueType);
      return new ModelResponse<>(value, recorded.inputTokens(), recorded.cachedInputTokens(),
          recorded.outputTokens());
    }
  }
}
