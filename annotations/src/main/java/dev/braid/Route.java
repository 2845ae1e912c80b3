package dev.braid;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link Router @Router} class that picks the pipeline to run: it returns
 * {@code Class<?>}, one of the router's routes. A router has exactly one such method.
 *
 * <pre>{@code
 * @Route
 * Class<?> route(@Input Document document) {
 *   return document.pages() > 20 ? ComplexDocPipeline.class : SimpleDocPipeline.class;
 * }
 * }</pre>
 *
 * <p>Each parameter is a router input, with {@link Input @Input}, or the runtime's {@code
 * StepContext}, through which the method calls models. The method runs as the router's step
 * {@code route}: it has the step's timeout and retries from the executor's {@code PipelineConfig}
 * or a call's {@code RunOptions}, and if it fails (or returns a class that is not a route) the
 * router runs its {@link Router#fallback()}, or fails if there is none.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Route {}
