package dev.braid.processor;

import dev.braid.processor.validation.Finding;
import java.io.PrintWriter;
import java.io.StringWriter;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Prints findings as javac errors or warnings on the most specific place they name, and turns a
 * crash of the processor into an error on the pipeline class, so that a bug in Braid shows up as a
 * readable, reportable compile error instead of a javac stack dump.
 */
final class DiagnosticReporter {
  private final Messager messager;

  DiagnosticReporter(Messager messager) {
    this.messager = messager;
  }

  void report(Finding finding) {
    Diagnostic.Kind kind = finding.isError() ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING;
    if (finding.annotation() == null) {
      messager.printMessage(kind, finding.message(), finding.element());
    } else if (finding.value() == null) {
      messager.printMessage(kind, finding.message(), finding.element(), finding.annotation());
    } else {
      messager.printMessage(
          kind, finding.message(), finding.element(), finding.annotation(), finding.value());
    }
  }

  /** Reports that processing {@code pipeline} failed with {@code crash}, stack trace included. */
  void crash(Element pipeline, Throwable crash) {
    StringWriter trace = new StringWriter();
    crash.printStackTrace(new PrintWriter(trace));
    messager.printMessage(Diagnostic.Kind.ERROR,
        "[Braid/ProcessorError] Braid's processor failed on " + pipeline.getSimpleName()
            + " and generated nothing for it; please report this with the stack trace below.\n"
            + trace,
        pipeline);
  }

  /**
   * Reports that the executor of {@code pipeline} cannot be generated because a type named {@code
   * executor} already exists: the user's own class, or the executor of a class whose nested names
   * begin or end with underscores where another's do.
   */
  void executorNameTaken(TypeElement pipeline, String executor) {
    messager.printMessage(Diagnostic.Kind.ERROR,
        "[Braid/ExecutorName] The executor of " + pipeline.getQualifiedName() + " is named "
            + executor + ", but a class of that name already exists, declared in the sources or "
            + "generated for another class; rename one of the two.",
        pipeline);
  }

  /** Reports that the executor of {@code pipeline} could not be written. */
  void writeFailed(Element pipeline, String file, Exception cause) {
    messager.printMessage(Diagnostic.Kind.ERROR,
        "[Braid/ProcessorError] Braid could not write " + file + " for "
            + pipeline.getSimpleName() + " (" + cause.getMessage() + "); remove or rename any "
            + "class of that name, since Braid generates it.",
        pipeline);
  }

  /** Reports that the Mermaid graph of {@code pipeline} could not be written to {@code path}. */
  void diagramWriteFailed(Element pipeline, String path, Exception cause) {
    messager.printMessage(Diagnostic.Kind.ERROR,
        "[Braid/ProcessorError] Braid could not write the resource " + path + " for "
            + pipeline.getSimpleName() + " (" + cause.getMessage() + "); remove any other "
            + "resource of that name from the class output, since Braid generates it.",
        pipeline);
  }
}
