package dev.braid.runtime;

/**
 * What the runtime tells a step about the attempt it is running. Declare a parameter of this type
 * on a {@code @Step} method to receive it.
 *
 * <pre>{@code
 * @Step String draft(@Input String ticket, StepContext context) {
 *   log.info("{} attempt {}", context.stepName(), context.attempt());
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
}
