package dev.braid.processor.writing;

import com.palantir.javapoet.ClassName;

/**
 * The types generated code names, by qualified name: the processor does not depend on the runtime
 * or on the annotation libraries, whose classes are on the user's class path, not its own.
 */
final class RuntimeTypes {
  static final ClassName PIPELINE_PLAN = ClassName.get("dev.braid.runtime.codegen", "PipelinePlan");
  static final ClassName PIPELINE_PLAN_BUILDER = PIPELINE_PLAN.nestedClass("Builder");
  static final ClassName PIPELINE_ENGINE =
      ClassName.get("dev.braid.runtime.codegen", "PipelineEngine");
  static final ClassName STEP_DISPATCHER =
      ClassName.get("dev.braid.runtime.codegen", "StepDispatcher");
  static final ClassName STEP_OUTPUTS = ClassName.get("dev.braid.runtime.codegen", "StepOutputs");
  static final ClassName ROUTING = ClassName.get("dev.braid.runtime.codegen", "Routing");
  static final ClassName STEP_FINGERPRINTS =
      ClassName.get("dev.braid.runtime.codegen", "StepFingerprints");
  static final ClassName TYPE_LITERAL = ClassName.get("dev.braid.runtime.codegen", "TypeLiteral");
  static final ClassName PIPELINE_DEFINITION =
      ClassName.get("dev.braid.runtime", "PipelineDefinition");
  static final ClassName RUN_QUEUE = ClassName.get("dev.braid.runtime", "RunQueue");
  static final ClassName STEP_OUTCOME = ClassName.get("dev.braid.runtime", "StepOutcome");
  static final ClassName CONVERSATION_STATE =
      ClassName.get("dev.braid.runtime", "ConversationState");
  static final ClassName STEP_CONTEXT = ClassName.get("dev.braid.runtime", "StepContext");
  static final ClassName PIPELINE_RESULT = ClassName.get("dev.braid.runtime", "PipelineResult");
  static final ClassName PIPELINE_CONFIG = ClassName.get("dev.braid.runtime", "PipelineConfig");
  static final ClassName STEP_CONFIG = ClassName.get("dev.braid.runtime", "StepConfig");
  static final ClassName RUN_OPTIONS = ClassName.get("dev.braid.runtime", "RunOptions");
  static final ClassName RUN_STREAM = ClassName.get("dev.braid.runtime", "RunStream");
  static final ClassName STREAM_CHUNK = ClassName.get("dev.braid.runtime", "StreamChunk");
  static final ClassName BATCH_RUN = ClassName.get("dev.braid.runtime", "BatchRun");
  static final ClassName BATCH_RESULT = ClassName.get("dev.braid.runtime", "BatchResult");
  static final ClassName STEP_EXECUTION_EXCEPTION =
      ClassName.get("dev.braid.runtime", "StepExecutionException");
  static final ClassName RUN_CANCELLED_EXCEPTION =
      ClassName.get("dev.braid.runtime", "RunCancelledException");
  static final ClassName RUN_DEADLINE_EXCEEDED_EXCEPTION =
      ClassName.get("dev.braid.runtime", "RunDeadlineExceededException");
  static final ClassName DURATION = ClassName.get("java.time", "Duration");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final ClassName LIST = ClassName.get("java.util", "List");
  static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
  static final ClassName TYPE = ClassName.get("java.lang.reflect", "Type");
  static final ClassName OBJECT = ClassName.get("java.lang", "Object");
  static final ClassName CLASS = ClassName.get("java.lang", "Class");
  static final ClassName ITERABLE = ClassName.get("java.lang", "Iterable");
  static final ClassName COMPLETABLE_FUTURE =
      ClassName.get("java.util.concurrent", "CompletableFuture");
  static final ClassName VOID = ClassName.get("java.lang", "Void");

  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final ClassName SINGLETON = ClassName.get("jakarta.inject", "Singleton");
  static final ClassName INJECT = ClassName.get("jakarta.inject", "Inject");
  static final ClassName NULL_MARKED = ClassName.get("org.jspecify.annotations", "NullMarked");
  static final ClassName NULLABLE = ClassName.get("org.jspecify.annotations", "Nullable");

  private RuntimeTypes() {}
}
