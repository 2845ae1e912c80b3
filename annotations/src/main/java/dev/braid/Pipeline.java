package dev.braid;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a class whose {@link Step @Step} methods form a pipeline. At compile time Braid's
 * processor checks the step graph and generates {@code <ClassName>Executor} next to the class (for
 * a nested class {@code Outer.Inner}: {@code Outer_InnerExecutor}, where an underscore within a
 * class name is doubled, so that {@code Q.A_B} has {@code Q_A__BExecutor}).
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
 * ({@code PT30S}) and are checked at compile time. The budgets are the exception: they bound the
 * whole run, and a step's own budgets are limits of its own, not overrides.
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

  /**
   * The most one whole run may spend on model calls, in microcents (a millionth of a US cent, so
   * $1 is 100,000,000; see {@link #costBudgetDollars()} to write dollars instead).
   * Left out, there is no limit ({@code -1} only marks it as left out); a budget written must be
   * zero or more, and a negative one is a compile error. It is one budget shared by all steps of
   * the run: every call a step makes through {@code StepContext.call} counts against it. A call
   * that would go past it is not made, and the run stops with {@code CostBudgetExceededException},
   * never retried. A step's own {@link Step#costBudget()} bounds that step as well; it does not
   * replace this one. The executor's {@code PipelineConfig} or a call's {@code RunOptions} can set
   * another.
   *
   * <pre>{@code
   * import static dev.braid.runtime.Microcents.CENT;
   *
   * @Pipeline(costBudget = 50 * CENT)
   * class TicketPipeline { ... }
   * }</pre>
   */
  long costBudget() default -1;

  /**
   * {@link #costBudget()} written in US dollars: {@code "$0.10"}, {@code "0.10"} or {@code "12"},
   * with at most eight decimals; empty, the default, means left out. The processor checks the
   * text and converts it exactly to microcents; writing both this and {@code costBudget} is a
   * compile error.
   *
   * <pre>{@code
   * @Pipeline(costBudgetDollars = "$0.10")
   * class TicketPipeline { ... }
   * }</pre>
   */
  String costBudgetDollars() default "";

  /**
   * The most tokens (input and output together) one whole run may spend on model calls. Left out,
   * there is no limit; written, it must be zero or more, as {@link #costBudget()} must. Like
   * that, one budget shared by all steps of the run, counted over the calls they make through
   * {@code StepContext.call}.
   */
  long tokenBudget() default -1;

  /**
   * Whether runs of this pipeline may be stored and run later by a worker, possibly in another
   * process ({@code braid-durable}). The processor then checks that every input and every step's
   * output can be stored as JSON and read back into its type, and the executor gains {@code
   * definition()}, which a worker runs, and {@code submit(queue, inputs…)}, which queues a run.
   *
   * <pre>{@code
   * @Pipeline(durable = true)
   * class TicketPipeline { ... }
   *
   * String id = executor.submit(runs, ticket);   // stored before it returns
   * }</pre>
   */
  boolean durable() default false;
}
