package dev.braid;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a step parameter to a pipeline input. Every distinct input name becomes one parameter of
 * the generated {@code execute(...)} method, in the order inputs first appear in the class; steps
 * that read the same input must declare the same type.
 *
 * <pre>{@code
 * @Step Entities extract(@Input String ticket) { ... }
 * @Step Customer lookup(@Input("customerId") String id) { ... }
 * // generated: PipelineResult<...> execute(String ticket, String customerId)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Input {

  /** The input's name; empty means the parameter's name. */
  String value() default "";
}
