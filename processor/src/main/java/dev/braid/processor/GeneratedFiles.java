package dev.braid.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import dev.braid.processor.writing.ExecutorNames;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes what the orchestrators generate, an executor and its Mermaid graph, through the filer,
 * each with its pipeline or router class as the only originating element; a failure to write
 * becomes an error on that class. The filer refuses a source file for a type that already exists in
 * the compilation, which is how a class named like an executor, the user's own or another
 * generated one, is caught. One instance serves pipelines and routers alike, so that a router
 * knows when a route's executor could not be written.
 */
final class GeneratedFiles {
  private final Filer filer;
  private final DiagnosticReporter reporter;
  private final Set<String> unwritten = new HashSet<>();

  GeneratedFiles(Filer filer, DiagnosticReporter reporter) {
    this.filer = filer;
    this.reporter = reporter;
  }

  /** Writes {@code file}, the executor of {@code origin}; false if it could not be written. */
  boolean writeExecutor(TypeElement origin, JavaFile file) {
    String name = file.packageName().isEmpty()
        ? file.typeSpec().name()
        : file.packageName() + "." + file.typeSpec().name();
    try {
      file.writeTo(filer);
      return true;
    } catch (FilerException e) {
      reporter.executorNameTaken(origin, name);
    } catch (IOException e) {
      reporter.writeFailed(origin, name, e);
    }
    unwritten.add(origin.getQualifiedName().toString());
    return false;
  }

  /** Whether the executor of {@code origin} could not be written in this compilation. */
  boolean failedToWrite(TypeElement origin) {
    return unwritten.contains(origin.getQualifiedName().toString());
  }

  /** Writes the graph as a class output resource next to the executor, for tools and docs. */
  void writeDiagram(TypeElement origin, String diagram) {
    ClassName executor = ExecutorNames.executorOf(origin);
    String name = ExecutorNames.diagramOf(executor);
    try {
      FileObject resource = filer.createResource(
          StandardLocation.CLASS_OUTPUT, executor.packageName(), name, origin);
      try (Writer writer =
          new OutputStreamWriter(resource.openOutputStream(), StandardCharsets.UTF_8)) {
        writer.write(diagram);
      }
    } catch (IOException e) {
      String packagePath = executor.packageName().replace('.', '/');
      reporter.diagramWriteFailed(
          origin, packagePath.isEmpty() ? name : packagePath + "/" + name, e);
    }
  }
}
