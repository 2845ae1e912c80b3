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
 * returns its output, {@code void} (ordering only), or {@code ConversationState<T>}: dependents
 * receive the {@code T}, and an incomplete state stops the run early.
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

  /** Pause before the first retry; empty inherits {@link Pipeline#retryDelay()}. */
  String retryDelay() default "";

  /**
   * Marks this step's output as the pipeline's output. Needed only when more than one step has no
   * dependents; otherwise the single final step is the output.
   */
  boolean output() default false;
}
