package dev.braid.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import dev.braid.processor.model.GraphMetrics;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.PipelineModelFactory;
import dev.braid.processor.validation.Finding;
import dev.braid.processor.validation.PipelineValidator;
import dev.braid.processor.writing.ExecutorGenerator;
import dev.braid.processor.writing.ExecutorNames;
import dev.braid.processor.writing.MermaidGenerator;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Runs the phases on one pipeline class, in order: build the model, run every validator, report
 * all findings, and generate the executor and its Mermaid graph only if none is an error. Errors
 * gate generation, not validation, so one compile shows every problem of a pipeline; other
 * pipelines are unaffected.
 */
final class PipelineProcessingStep {
  private final PipelineModelFactory factory;
  private final PipelineValidator validator;
  private final ExecutorGenerator generator;
  private final DiagnosticReporter reporter;
  private final Filer filer;

  PipelineProcessingStep(ProcessingEnvironment environment) {
    this.factory = new PipelineModelFactory(environment.getElementUtils());
    this.validator = new PipelineValidator(environment.getTypeUtils());
    this.generator = new ExecutorGenerator(environment.getElementUtils());
    this.reporter = new DiagnosticReporter(environment.getMessager());
    this.filer = environment.getFiler();
  }

  void process(TypeElement type) {
    PipelineModel pipeline = factory.create(type);
    List<Finding> findings = validator.validate(pipeline);
    findings.forEach(reporter::report);
    if (findings.stream().noneMatch(Finding::isError)) {
      write(pipeline);
    }
  }

  private void write(PipelineModel pipeline) {
    JavaFile file = generator.generate(pipeline);
    try {
      file.writeTo(filer);
    } catch (IOException e) {
      reporter.writeFailed(
          pipeline.type(), file.packageName() + "." + file.typeSpec().name(), e);
      return;
    }
    writeDiagram(pipeline);
  }

  /** Writes the graph as a class output resource next to the executor, for tools and docs. */
  private void writeDiagram(PipelineModel pipeline) {
    ClassName executor = ExecutorNames.executorOf(pipeline.type());
    String name = ExecutorNames.diagramOf(executor);
    String diagram = MermaidGenerator.generate(pipeline, GraphMetrics.of(pipeline.graph()));
    try {
      FileObject resource = filer.createResource(
          StandardLocation.CLASS_OUTPUT, executor.packageName(), name, pipeline.type());
      try (Writer writer =
          new OutputStreamWriter(resource.openOutputStream(), StandardCharsets.UTF_8)) {
        writer.write(diagram);
      }
    } catch (IOException e) {
      String packagePath = executor.packageName().replace('.', '/');
      reporter.diagramWriteFailed(
          pipeline.type(), packagePath.isEmpty() ? name : packagePath + "/" + name, e);
    }
  }
}
