package dev.braid;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a step parameter to the output of the named step, which must be listed in the step's
 * {@link Step#dependsOn()}. Without it, a parameter named like a dependency receives that
 * dependency's output.
 *
 * <pre>{@code
 * @Step(dependsOn = "searchKnowledgeBase")
 * Draft draft(@From("searchKnowledgeBase") List<Article> articles) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface From {

  /** The name of the step whose output this parameter receives. */
  String value();
}
