package dev.braid.processor.testing;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.braid.processor.BraidProcessor;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles test sources with Braid's processor the way a user's build would: {@code -Xlint:all},
 * no {@code --enable-preview}, the test class path (annotations and runtime) on the class path.
 */
public final class BraidCompiler {
  /** The package line and imports most test sources start with. */
  public static final String HEADER = """
      package com.acme;

      import dev.braid.From;
      import dev.braid.Input;
      import dev.braid.Pipeline;
      import dev.braid.Route;
      import dev.braid.Router;
      import dev.braid.Step;
      import dev.braid.runtime.ConversationState;
      import dev.braid.runtime.StepContext;
      import dev.braid.runtime.StepOutcome;
      import java.util.List;
      import java.util.Optional;

      """;

  private BraidCompiler() {}

  public static Compilation compile(JavaFileObject... sources) {
    return compile(new BraidProcessor(), sources);
  }

  public static Compilation compile(Processor processor, JavaFileObject... sources) {
    return javac().withProcessors(processor).withOptions("-Xlint:all").compile(sources);
  }

  /** The source file of {@code com.acme.<simpleName>}: {@link #HEADER}, then {@code code}. */
  public static JavaFileObject source(String simpleName, String code) {
    return JavaFileObjects.forSourceString("com.acme." + simpleName, HEADER + code);
  }

  /**
   * Asserts that javac warned about nothing but unclaimed annotations, a note {@code -Xlint:all}
   * prints whenever annotations are left for other processors, as Braid leaves its own.
   */
  public static void assertNoWarnings(Compilation compilation) {
    List<String> warnings = compilation.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.WARNING
            || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
        .map(d -> d.getMessage(null))
        .filter(message -> !message.startsWith("No processor claimed any of these annotations"))
        .toList();
    assertWithMessage("warnings").that(warnings).isEmpty();
  }
}
