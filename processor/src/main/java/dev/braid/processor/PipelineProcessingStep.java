package dev.braid.processor;

import dev.braid.processor.model.GraphMetrics;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.PipelineModelFactory;
import dev.braid.processor.validation.Finding;
import dev.braid.processor.validation.PipelineValidator;
import dev.braid.processor.writing.ExecutorGenerator;
import dev.braid.processor.writing.ExecutorIndexGenerator;
import dev.braid.processor.writing.MermaidGenerator;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;

/**
 * Runs the phases on one pipeline class, in order: build the model, run every validator, report
 * all findings, and generate the executor, its Mermaid graph and its index entry only if none is
 * an error. Errors gate generation, not validation, so one compile shows every problem of a
 * pipeline; other pipelines are unaffected.
 */
final class PipelineProcessingStep {
  private final PipelineModelFactory factory;
  private final PipelineValidator validator;
  private final ExecutorGenerator generator;
  private final DiagnosticReporter reporter;
  private final GeneratedFiles files;
  private final ExecutorIndexFiles index;

  PipelineProcessingStep(ProcessingEnvironment environment, GeneratedFiles files) {
    this.factory = new PipelineModelFactory(environment.getElementUtils());
    this.validator = new PipelineValidator(environment.getTypeUtils());
    this.generator = new ExecutorGenerator(environment.getElementUtils());
    this.reporter = new DiagnosticReporter(environment.getMessager());
    this.files = files;
    this.index = new ExecutorIndexFiles(environment.getFiler(), reporter);
  }

  void process(TypeElement type) {
    PipelineModel pipeline = factory.create(type);
    List<Finding> findings = validator.validate(pipeline);
    findings.forEach(reporter::report);
    if (findings.stream().noneMatch(Finding::isError)
        && files.writeExecutor(type, generator.generate(pipeline))) {
      files.writeDiagram(type,
          MermaidGenerator.generate(pipeline, GraphMetrics.of(pipeline.graph())));
      index.write(type, ExecutorIndexGenerator.generate(pipeline));
    }
  }
}
