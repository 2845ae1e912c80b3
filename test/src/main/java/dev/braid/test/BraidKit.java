package dev.braid.test;

import dev.braid.runtime.ModelClient;
import dev.braid.runtime.PipelineConfig;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What one test needs to run pipelines, made by {@link BraidExtension} and closed after the test:
 * its {@link VirtualTime}, executor configs and scripted models on that time, its {@link Cassette},
 * and, on first use, a {@link DurableTestbed}. Not thread-safe; made and used on the test's
 * thread.
 */
public final class BraidKit implements AutoCloseable {
  private final VirtualTime time;
  private final Path cassetteFile;
  private final Function<Path, Cassette> cassettes;
  private @Nullable Cassette cassette;
  private @Nullable DurableTestbed durable;

  BraidKit(VirtualTime time, Path cassetteFile, Function<Path, Cassette> cassettes) {
    this.time = time;
    this.cassetteFile = cassetteFile;
    this.cassettes = cassettes;
  }

  /** The test's virtual time. */
  public VirtualTime time() {
    return time;
  }

  /** A config that runs on the test's virtual time; add prices, budgets and steps to it. */
  public PipelineConfig.Builder config() {
    return PipelineConfig.builder().timeSource(time);
  }

  /**
   * A script for a model billed as {@code model}, whose latencies pass on the test's time; {@code
   * valueType} only pins the type of the values it returns.
   */
  public <Q, R> ScriptedModel.Builder<Q, R> model(String model, Class<R> valueType) {
    Objects.requireNonNull(valueType, "valueType");
    return ScriptedModel.<Q, R>builder(model).time(time);
  }

  /**
   * The test's cassette: {@code src/test/resources/cassettes/<test class>/<test method>.json},
   * replayed if it exists, else recorded when the test ends.
   */
  public Cassette cassette() {
    if (cassette == null) {
      cassette = cassettes.apply(cassetteFile);
    }
    return cassette;
  }

  /** {@code real} through the test's cassette; see {@link Cassette#wrap}. */
  public <Q, R> ModelClient<Q, R> recorded(ModelClient<Q, R> real, Type valueType) {
    return cassette().wrap(real, valueType);
  }

  /**
   * An in-memory durable-runs database for the test, with the workers it starts, on the test's
   * virtual time.
   */
  public DurableTestbed durable() {
    if (durable == null) {
      durable = DurableTestbed.inMemory(time);
    }
    return durable;
  }

  /** Closes the durable testbed, writes a recorded cassette, and stops virtual time. */
  @Override
  public void close() {
    try {
      if (durable != null) {
        durable.close();
      }
      if (cassette != null) {
        cassette.close();
      }
    } finally {
      time.close();
    }
  }
}
