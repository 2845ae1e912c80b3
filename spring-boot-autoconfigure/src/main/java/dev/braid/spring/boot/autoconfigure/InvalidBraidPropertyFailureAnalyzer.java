package dev.braid.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a bad {@code braid.*} property as Spring Boot prints its own: what, then the fix. */
final class InvalidBraidPropertyFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidBraidPropertyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidBraidPropertyException cause) {
    return new FailureAnalysis(sentence("Property " + cause.property() + " " + cause.problem()),
        sentence(capitalized(cause.fix())), cause);
  }

  private static String sentence(String text) {
    return text.endsWith(".") || text.endsWith("?") ? text : text + ".";
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
