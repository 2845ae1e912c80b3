package dev.braid;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a class whose {@link Step @Step} methods form a pipeline. At compile time Braid's
 * processor checks the step graph and generates {@code <ClassName>Executor} next to the class (for
 * a nested class {@code Outer.Inner}: {@code Outer_InnerExecutor}).
 *
 * <pre>{@code
 * @Pipeline(timeout = "30s", retries = 1)
 * class TicketPipeline {
 *   @Step String extract(@Input String ticket) { ... }
 *   @Step(dependsOn = "extract") Intent classify(String extract) { ... }
 * }
 *
 * PipelineResult<Intent> result = new TicketPipelineExecutor(new TicketPipeline()).execute(ticket);
 * }</pre>
 *
 * <p>The values here are defaults for every step; a step's own {@link Step} attributes win.
 * Durations are written as {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601
 * ({@code PT30S}) and are checked at compile time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Pipeline {

  /** The pipeline's name in results, errors and traces; empty means the class's simple name. */
  String name() default "";

  /** Default time limit of one attempt of each step; empty means no limit. */
  String timeout() default "";

  /** Default number of retries after a failed attempt; {@code 0} means one attempt only. */
  int retries() default 0;

  /**
   * Default pause before the first retry; empty means retry at once. Each later retry waits up to
   * twice as long as the one before (exponential backoff with full jitter), capped by {@link
   * #maxRetryDelay()}.
   */
  String retryDelay() default "";

  /** Default cap on the pause before any retry; empty means 30 seconds. */
  String maxRetryDelay() default "";

  /**
   * Time limit of a whole run, retries and their pauses included; empty means none. Steps see the
   * time left through {@code StepContext.remaining()}, and a run past it ends with {@code
   * RunDeadlineExceededException}. A call's {@code RunOptions} can set a shorter or longer one.
   */
  String deadline() default "";
}
