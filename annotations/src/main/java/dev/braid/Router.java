package dev.braid;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a class that picks, for each run, which of several {@link Pipeline @Pipeline} classes
 * runs: simple and complex documents, an A/B test, a cheap pipeline before an expensive one. Its
 * one {@link Route @Route} method returns the class of the pipeline to run. At compile time Braid's
 * processor checks the routes and generates {@code <ClassName>Executor} next to the class, named
 * like a pipeline's executor, whose constructor takes the router and the executor of each route.
 *
 * <pre>{@code
 * @Router(routes = {SimpleDocPipeline.class, ComplexDocPipeline.class},
 *         fallback = SimpleDocPipeline.class)
 * class DocumentRouter {
 *   @Route
 *   Class<?> route(@Input Document document, StepContext context) throws InterruptedException {
 *     return context.call(classifier, document.text()).value().equals("complex")
 *         ? ComplexDocPipeline.class
 *         : SimpleDocPipeline.class;
 *   }
 * }
 *
 * PipelineResult<Summary> result = new DocumentRouterExecutor(new DocumentRouter(),
 *     simpleDocExecutor, complexDocExecutor).execute(document);
 * }</pre>
 *
 * <p>A run of the router has two steps: {@code route}, which calls the route method, and {@code
 * run}, which runs the chosen pipeline as its child run, sharing the router run's deadline, budgets
 * and cancellation. Its result is shaped like a pipeline's: the chosen pipeline's output (every
 * route must have the same output type), or its incomplete conversation state if it stopped early;
 * its usage includes the route method's model calls and the chosen pipeline's. The route method's
 * {@link Input @Input} parameters are the router's inputs, and each route receives those of them
 * it reads by the same name and type.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Router {

  /** The pipelines the route method chooses from: {@code @Pipeline} classes, each listed once. */
  Class<?>[] routes();

  /**
   * The route to run when the route method fails, such as when the model it calls is down, or
   * returns a class that is no route; it must be one of {@link #routes()}. The default, {@code
   * void.class}, means none: a failed route method then fails the run.
   */
  Class<?> fallback() default void.class;

  /** The router's name in results, errors and traces; empty means the class's simple name. */
  String name() default "";

  /**
   * Time limit of a whole run, the route method and the chosen pipeline together; empty means
   * none. Written like {@link Pipeline#deadline()}.
   */
  String deadline() default "";

  /**
   * The most one whole run may spend on model calls, in microcents, the route method's and the
   * chosen pipeline's together. Left out, there is no limit; written, it must be zero or more. See
   * {@link Pipeline#costBudget()}.
   */
  long costBudget() default -1;

  /**
   * {@link #costBudget()} written in US dollars, as {@link Pipeline#costBudgetDollars()} is.
   * Writing both is a compile error.
   */
  String costBudgetDollars() default "";

  /**
   * The most tokens one whole run may spend on model calls, the route method's and the chosen
   * pipeline's together. Left out, there is no limit; written, it must be zero or more.
   */
  long tokenBudget() default -1;
}
