package dev.braid.processor;

import dev.braid.processor.model.RouteTarget;
import dev.braid.processor.model.RouterModel;
import dev.braid.processor.model.RouterModelFactory;
import dev.braid.processor.validation.Finding;
import dev.braid.processor.validation.PipelineValidator;
import dev.braid.processor.validation.RouterValidator;
import dev.braid.processor.writing.ExecutorIndexGenerator;
import dev.braid.processor.writing.RouterExecutorGenerator;
import dev.braid.processor.writing.RouterMermaidGenerator;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;

/**
 * Runs the phases on one router class, as {@link PipelineProcessingStep} does on a pipeline:
 * build the model, run every rule, report all findings, and generate the executor and its graph
 * only if none is an error. A route that is a pipeline with errors of its own also stops
 * generation, silently: it gets no executor for the router's to run, and its errors are reported
 * on it. So does a route whose executor could not be written, a name clash reported on it.
 */
final class RouterProcessingStep {
  private final RouterModelFactory factory;
  private final RouterValidator validator;
  private final PipelineValidator pipelines;
  private final RouterExecutorGenerator generator;
  private final DiagnosticReporter reporter;
  private final GeneratedFiles files;
  private final ExecutorIndexFiles index;

  RouterProcessingStep(ProcessingEnvironment environment, GeneratedFiles files) {
    this.factory = new RouterModelFactory(environment.getElementUtils());
    this.validator = new RouterValidator(environment.getTypeUtils());
    this.pipelines = new PipelineValidator(environment.getTypeUtils());
    this.generator = new RouterExecutorGenerator(environment.getElementUtils());
    this.reporter = new DiagnosticReporter(environment.getMessager());
    this.files = files;
    this.index = new ExecutorIndexFiles(environment.getFiler(), reporter);
  }

  void process(TypeElement type) {
    RouterModel router = factory.create(type);
    List<Finding> findings = validator.validate(router);
    findings.forEach(reporter::report);
    if (findings.stream().noneMatch(Finding::isError)
        && routesAreValid(router)
        && files.writeExecutor(type, generator.generate(router))) {
      files.writeDiagram(type, RouterMermaidGenerator.generate(router));
      index.write(type, ExecutorIndexGenerator.generate(router));
    }
  }

  private boolean routesAreValid(RouterModel router) {
    for (RouteTarget route : router.distinctRoutes()) {
      if (route.pipeline() == null
          || pipelines.validate(route.pipeline()).stream().anyMatch(Finding::isError)
          || files.failedToWrite(route.pipeline().type())) {
        return false;
      }
    }
    return true;
  }
}
