package dev.braid.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A {@code braid.*} property the application cannot start with: its name, what is wrong with it,
 * and how to fix it. Spring Boot prints the three apart when startup fails.
 */
public final class InvalidBraidPropertyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final String problem;
  private final String fix;

  InvalidBraidPropertyException(String property, String problem, String fix) {
    this(property, problem, fix, null);
  }

  InvalidBraidPropertyException(
      String property, String problem, String fix, @Nullable Throwable cause) {
    super("Property " + property + " " + problem + "; " + fix, cause);
    this.property = property;
    this.problem = problem;
    this.fix = fix;
  }

  /** The property's full name, such as {@code braid.pipelines.TicketPipeline.steps.draft.timeout}. */
  public String property() {
    return property;
  }

  /** What is wrong, as the rest of a sentence that starts with the property's name. */
  public String problem() {
    return problem;
  }

  /** What to do about it. */
  public String fix() {
    return fix;
  }
}
