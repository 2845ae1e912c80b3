package dev.braid;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method of a {@link Pipeline @Pipeline} class as a step. A step starts as soon as every
 * step in {@link #dependsOn()} has finished, on its own virtual thread, in parallel with every
 * other step that is ready.
 *
 * <pre>{@code
 * @Step(dependsOn = {"lookupCustomer", "searchKnowledgeBase"}, timeout = "20s", retries = 2)
 * Draft draft(Customer lookupCustomer, @From("searchKnowledgeBase") List<Article> articles,
 *             StepContext context) { ... }
 * }</pre>
 *
 * <p>Each parameter is bound at compile time to one of:
 * <ul>
 *   <li>a pipeline input, with {@link Input @Input};
 *   <li>the output of a step listed in {@code dependsOn}, with {@link From @From} or by giving the
 *       parameter that step's name;
 *   <li>the runtime's {@code StepContext}.
 * </ul>
 * A step in {@code dependsOn} that no parameter reads is an ordering-only dependency. A step
 * returns its output, {@code void} (ordering only), {@code ConversationState<T>}: dependents
 * receive the {@code T}, and an incomplete state stops the run early; or {@code ModelRequest<R>}:
 * the executor makes that model call as the step's own, under its timeout, retries and budgets,
 * and dependents receive the model's {@code R}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Step {

  /** Marks {@link #retries()} as inherited from the pipeline's default. */
  int INHERIT_RETRIES = -1;

  /** The step's name in {@code dependsOn}, results and errors; empty means the method's name. */
  String name() default "";

  /** Names of the steps that must finish before this one starts. */
  String[] dependsOn() default {};

  /** Time limit of one attempt; empty inherits {@link Pipeline#timeout()}. */
  String timeout() default "";

  /**
   * Number of retries after a failed attempt: {@code 0} means exactly one attempt, and
   * {@link #INHERIT_RETRIES} ({@code -1}) inherits {@link Pipeline#retries()}.
   */
  int retries() default INHERIT_RETRIES;

  /**
   * Pause before the first retry; empty inherits {@link Pipeline#retryDelay()}. Later retries back
   * off exponentially with full jitter, capped by {@link #maxRetryDelay()}.
   */
  String retryDelay() default "";

  /** Cap on the pause before any retry; empty inherits {@link Pipeline#maxRetryDelay()}. */
  String maxRetryDelay() default "";

  /**
   * The exceptions that earn a retry, subclasses included; empty means every {@link Exception}.
   * Interruption, cancellation, an exceeded budget or deadline and an early stop are never retried,
   * and neither are {@link Error}s.
   */
  Class<? extends Throwable>[] retryOn() default {};

  /** Exceptions that are never retried, subclasses included, even when {@link #retryOn()} names a superclass. */
  Class<? extends Throwable>[] abortOn() default {};

  /**
   * Marks a step whose failure does not fail the run: steps that read it receive an empty {@code
   * Optional<T>} or a failed {@code StepOutcome<T>}, which the processor requires them to declare,
   * and unrelated branches keep running.
   */
  boolean optional() default false;

  /**
   * Runs this step only when a condition holds; empty, the default, means always. The name is
   * either a step of this pipeline returning {@code boolean} or {@code Boolean}, which then need
   * not be listed in {@link #dependsOn()}, or another method of the pipeline class returning one,
   * whose parameters are bound like a step's ({@link Input @Input}, or the output of a step this
   * one depends on) except that there is no {@code StepContext}. A name that denotes both a step
   * and such a method, or several methods, is a compile error.
   *
   * <pre>{@code
   * @Step(dependsOn = "classify", when = "isTechnical")
   * Answer escalate(Intent classify) { ... }
   *
   * boolean isTechnical(Intent classify) { return classify.topic() == Topic.TECHNICAL; }
   * }</pre>
   *
   * <p>When the condition is false the step is skipped: it does not run, and steps that read it
   * receive an empty {@code Optional<T>} or a skipped {@code StepOutcome<T>}, which the processor
   * requires them to declare. A condition step that failed as an optional step, or was itself
   * skipped, counts as false; a condition method that throws fails this step. The pipeline's output
   * step cannot be conditional.
   */
  String when() default "";

  /**
   * Whether the run may interrupt this step when it stops early, fails elsewhere or is cancelled.
   * Set {@code false} for a step that must not be cut off once started, such as a payment: the run
   * then waits for it, bounded by its timeout, and the result says so.
   */
  boolean interruptible() default true;

  /**
   * Marks this step's output as the pipeline's output. Needed only when more than one step has no
   * dependents; otherwise the single final step is the output.
   */
  boolean output() default false;

  /**
   * The most this step may spend on model calls over all its attempts, in microcents (a millionth
   * of a US cent). Left out, there is no limit ({@code -1} only marks it as left out); a budget
   * written must be zero or more, and a negative one is a compile error. Only calls made through
   * {@code StepContext.call} count, so the step needs a {@code StepContext} parameter. It is not
   * inherited from {@link Pipeline#costBudget()}, which bounds the whole run: a call must fit
   * within both.
   *
   * <pre>{@code
   * import static dev.braid.runtime.Microcents.CENT;
   *
   * @Step(dependsOn = "classify", costBudget = 5 * CENT)
   * Draft draft(Intent classify, StepContext context) { ... }
   * }</pre>
   */
  long costBudget() default -1;

  /**
   * {@link #costBudget()} written in US dollars, as {@link Pipeline#costBudgetDollars()} is:
   * {@code @Step(costBudgetDollars = "$0.02")}. Writing both is a compile error.
   */
  String costBudgetDollars() default "";

  /**
   * The most tokens (input and output together) this step may spend on model calls over all its
   * attempts. Left out, there is no limit; written, it must be zero or more. Like {@link
   * #costBudget()}, it counts only calls made through {@code StepContext.call} and is not inherited
   * from {@link Pipeline#tokenBudget()}.
   */
  long tokenBudget() default -1;

  /**
   * The most attempts of this step that all runs of one executor may run at once, such as the
   * model calls a rate limit allows. Left out ({@code 0} only marks it as left out), there is no
   * cap; written, it must be 1 or more. Attempts beyond the cap wait in a fair queue; the wait
   * counts against {@link #timeout()} and the run's deadline, and the timeline shows it. A {@code
   * PipelineConfig} may replace it; one run's {@code RunOptions} may not, as the cap is shared.
   *
   * <pre>{@code
   * @Step(dependsOn = "classify", timeout = "30s", maxConcurrent = 5)
   * Draft draft(Intent classify, StepContext context) { ... }
   * }</pre>
   */
  int maxConcurrent() default 0;
}
