package dev.braid.processor.writing;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.TypeElement;

/**
 * The naming scheme of generated executors, defined here and nowhere else: the executor of {@code
 * com.acme.TicketPipeline} is {@code com.acme.TicketPipelineExecutor}, and that of a nested class
 * {@code com.acme.Outer.Inner} is {@code com.acme.Outer_InnerExecutor}, in the same package so that
 * it can call package-private steps. Every executor has a private nested record {@code Steps} that
 * runs the steps of one run, and an executor of a pipeline with several inputs has a nested record
 * {@code Inputs} holding the inputs of one run, for {@code executeAll}. A user type of either
 * simple name is written qualified in the executor. The pipeline's graph in Mermaid is the class
 * output resource {@code TicketPipelineExecutor.mmd} in the executor's package. A {@code @Router}
 * class's executor and graph are named the same way: {@code com.acme.DocumentRouterExecutor},
 * with its own {@code Steps} record, and {@code DocumentRouterExecutor.mmd}.
 */
public final class ExecutorNames {
  private ExecutorNames() {}

  /** The executor of the pipeline class {@code pipeline}. */
  public static ClassName executorOf(ClassName pipeline) {
    return ClassName.get(
        pipeline.packageName(), String.join("_", pipeline.simpleNames()) + "Executor");
  }

  /** The executor of the pipeline or router class {@code pipeline}. */
  public static ClassName executorOf(TypeElement pipeline) {
    return executorOf(ClassName.get(pipeline));
  }

  /**
   * The name of the resource holding the Mermaid graph of {@code executor}'s pipeline, relative to
   * the executor's package.
   */
  public static String diagramOf(ClassName executor) {
    return executor.simpleName() + ".mmd";
  }

  /** The record of one run's inputs, nested in {@code executor}. */
  public static ClassName inputsOf(ClassName executor) {
    return executor.nestedClass("Inputs");
  }

  /** The private record that runs the steps of one run, nested in {@code executor}. */
  static ClassName stepsOf(ClassName executor) {
    return executor.nestedClass("Steps");
  }
}
