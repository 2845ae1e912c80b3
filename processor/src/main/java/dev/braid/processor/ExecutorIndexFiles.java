package dev.braid.processor;

import com.palantir.javapoet.ClassName;
import dev.braid.processor.writing.ExecutorIndexGenerator;
import dev.braid.processor.writing.ExecutorNames;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import javax.annotation.processing.Filer;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes an executor's index entry through the filer, with its pipeline or router class as the
 * only originating element; a failure to write becomes an error on that class.
 */
final class ExecutorIndexFiles {
  private final Filer filer;
  private final DiagnosticReporter reporter;

  ExecutorIndexFiles(Filer filer, DiagnosticReporter reporter) {
    this.filer = filer;
    this.reporter = reporter;
  }

  void write(TypeElement origin, String entry) {
    ClassName executor = ExecutorNames.executorOf(origin);
    String path = ExecutorIndexGenerator.pathOf(executor);
    try {
      FileObject resource =
          filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, origin);
      try (Writer writer =
          new OutputStreamWriter(resource.openOutputStream(), StandardCharsets.ISO_8859_1)) {
        writer.write(entry);
      }
    } catch (IOException e) {
      reporter.diagramWriteFailed(origin, path, e);
    }
  }
}
