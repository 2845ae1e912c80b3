package dev.braid.processor.validation;

import java.util.Collection;
import java.util.Optional;

/**
 * Recognises the JVM names Kotlin gives its {@code internal} functions: {@code extract$shop_app}
 * for {@code internal fun extract} in module {@code shop-app}. kapt's stubs carry those names, so
 * an internal step is named {@code extract$shop_app} and a reference to {@code extract} finds
 * nothing. Messages then say why, rather than suggest a name the user never wrote.
 */
final class InternalFunctions {
  private InternalFunctions() {}

  /** Whether {@code name} looks like the JVM name of an internal Kotlin function. */
  static boolean isMangled(String name) {
    return name.indexOf('$') > 0;
  }

  /** The one of {@code names} that is {@code name} as an internal Kotlin function's, if any. */
  static Optional<String> mangled(String name, Collection<String> names) {
    return names.stream().filter(candidate -> candidate.startsWith(name + "$")).findFirst();
  }

  /** Why {@code name} is not found as {@code mangled}, a step or method, and the fix. */
  static String advice(String kind, String mangled, String name) {
    return kind + " " + mangled + " is an internal Kotlin function, whose JVM name carries its "
        + "module's name; make " + name + " public.";
  }
}
