package dev.braid.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the runtime tells a step about the attempt it is running. Declare a parameter of this type
 * on a {@code @Step} method to receive it.
 *
 * <pre>{@code
 * @Step String draft(@Input String ticket, StepContext context) {
 *   log.info("{} attempt {}", context.stepName(), context.attempt());
 *   context.remaining().ifPresent(httpRequest::timeout);
 *   ...
 * }
 * }</pre>
 *
 * <p>An instance belongs to one attempt of one step and is confined to that step's thread.
 */
public interface StepContext {

  /** The pipeline's name, as in {@code @Pipeline(name)} or the class's simple name. */
  String pipelineName();

  /** The step's name, as in {@code @Step(name)} or the method's name. */
  String stepName();

  /** The attempt being run, starting at 1. */
  int attempt();

  /**
   * When this attempt will be interrupted: the earlier of the run's deadline and the end of this
   * attempt's timeout; empty when neither is set.
   */
  default Optional<Instant> deadline() {
    return Optional.empty();
  }

  /**
   * The time left until {@link #deadline()}, never negative, for a step to pass on to the client
   * it calls; empty when there is no deadline.
   */
  default Optional<Duration> remaining() {
    return deadline().map(at -> {
      Duration left = Duration.between(Instant.now(), at);
      return left.isNegative() ? Duration.ZERO : left;
    });
  }
}
