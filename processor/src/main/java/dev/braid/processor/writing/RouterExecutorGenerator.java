package dev.braid.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.braid.processor.model.RouteMethod;
import dev.braid.processor.model.RouterModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Elements;

/**
 * Generates the executor of a valid router: a final class shaped like a pipeline's executor, whose
 * constructor takes the router and one executor per route, and whose {@code execute} and {@code
 * executeAsync} run a plan of two steps, {@code route} and {@code run}, on the same engine (see
 * {@link RouterSteps}). Its only originating element is the router class.
 */
public final class RouterExecutorGenerator {
  private final ExecutorAnnotations annotations;

  public RouterExecutorGenerator(Elements elements) {
    this.annotations = new ExecutorAnnotations(elements);
  }

  /** The executor's source file. */
  public JavaFile generate(RouterModel router) {
    ClassName executor = ExecutorNames.executorOf(router.type());
    RouterSignature signature = new RouterSignature(router, executor);
    RouterSteps steps = new RouterSteps(signature, annotations.nullable());
    TypeSpec type = TypeSpec.classBuilder(executor)
        .addOriginatingElement(router.type())
        .addJavadoc(typeJavadoc(signature))
        .addAnnotations(annotations.type(router.type()))
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addFields(fields(signature))
        .addMethod(constructor(signature, false))
        .addMethod(constructor(signature, true))
        .addMethod(execute(signature))
        .addMethod(executeWithOptions(signature, steps))
        .addMethod(executeAsync(signature))
        .addMethod(executeAsyncWithOptions(signature, steps))
        .addMethod(steps.plan())
        .addType(steps.spec())
        .build();
    return JavaFile.builder(executor.packageName(), type).build();
  }

  private static List<FieldSpec> fields(RouterSignature signature) {
    List<FieldSpec> fields = new ArrayList<>();
    fields.add(FieldSpec.builder(RuntimeTypes.PIPELINE_PLAN, "PLAN",
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("plan()")
        .build());
    fields.add(FieldSpec.builder(ClassName.get(signature.router().type()),
        signature.routerField(), Modifier.PRIVATE, Modifier.FINAL).build());
    for (RouterSignature.Route route : signature.routes()) {
      fields.add(FieldSpec.builder(route.executor(), route.field(),
          Modifier.PRIVATE, Modifier.FINAL).build());
    }
    fields.add(FieldSpec.builder(RuntimeTypes.PIPELINE_ENGINE, "engine",
        Modifier.PRIVATE, Modifier.FINAL).build());
    return fields;
  }

  private MethodSpec constructor(RouterSignature signature, boolean withConfig) {
    CodeBlock.Builder doc = withConfig
        ? CodeBlock.builder().add("Creates an executor of the router with run-time overrides, "
            + "typically from application\nconfiguration: they win over the annotation and lose "
            + "to a call's {@link $T}.\n\n", RuntimeTypes.RUN_OPTIONS)
        : CodeBlock.builder()
            .add("Creates an executor of the router with the settings of its annotation.\n\n");
    doc.add("@param $L the instance whose route method each run calls\n", signature.routerField());
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addParameter(ClassName.get(signature.router().type()), signature.routerField())
        .addStatement("this.$L = $T.requireNonNull($L, $S)", signature.routerField(),
            RuntimeTypes.OBJECTS, signature.routerField(), signature.routerField());
    for (RouterSignature.Route route : signature.routes()) {
      doc.add("@param $L the executor of the route {@link $T}\n",
          route.field(), ClassName.get(route.pipeline().type()));
      constructor.addParameter(route.executor(), route.field())
          .addStatement("this.$L = $T.requireNonNull($L, $S)",
              route.field(), RuntimeTypes.OBJECTS, route.field(), route.field());
    }
    if (withConfig) {
      doc.add("@param config the deadline, budgets and settings of the steps {@code route} and "
              + "{@code run}\n    that replace the annotation's\n")
          .add("@throws IllegalArgumentException if {@code config} names a step other than "
              + "{@code route} and\n    {@code run}\n");
      constructor.addParameter(RuntimeTypes.PIPELINE_CONFIG, "config")
          .addStatement("this.engine = $T.create(PLAN, config)", RuntimeTypes.PIPELINE_ENGINE);
    } else {
      constructor.addStatement("this.engine = $T.create(PLAN)", RuntimeTypes.PIPELINE_ENGINE);
      annotations.constructor().ifPresent(constructor::addAnnotation);
    }
    doc.add("@throws IllegalStateException if this JVM cannot run Braid's runtime, with the fix\n");
    return constructor.addJavadoc(doc.build()).build();
  }

  private static MethodSpec execute(RouterSignature signature) {
    return method(signature, "execute", signature.resultType(), CodeBlock.builder()
            .add("Runs the router once: calls its route method, then the pipeline it chose, and "
                + "returns\nwhen both have ended.\n\n")
            .add(inputsJavadoc(signature)).add(resultJavadoc()).add(failuresJavadoc(signature))
            .build())
        .addStatement("return execute($L)", signature.inputArgumentsAnd(
            CodeBlock.of("$T.defaults()", RuntimeTypes.RUN_OPTIONS)))
        .build();
  }

  private static MethodSpec executeWithOptions(RouterSignature signature, RouterSteps steps) {
    return method(signature, "execute", signature.resultType(), CodeBlock.builder()
            .add("Runs the router once with settings for this run only, which the chosen "
                + "pipeline's run shares\nas its parent's: its deadline and budgets.\n\n")
            .add(inputsJavadoc(signature)).add(optionsJavadoc(signature))
            .add(resultJavadoc()).add(failuresJavadoc(signature))
            .build())
        .addParameter(RuntimeTypes.RUN_OPTIONS, signature.options())
        .addStatement("return this.engine.execute($L,$W$L,$W$L)",
            signature.options(), signature.inputArray(), steps.call())
        .build();
  }

  private static MethodSpec executeAsync(RouterSignature signature) {
    return method(signature, "executeAsync", futureType(signature), CodeBlock.builder()
            .add(asyncSummary()).add(inputsJavadoc(signature)).add(asyncResultJavadoc())
            .build())
        .addStatement("return executeAsync($L)", signature.inputArgumentsAnd(
            CodeBlock.of("$T.defaults()", RuntimeTypes.RUN_OPTIONS)))
        .build();
  }

  private static MethodSpec executeAsyncWithOptions(RouterSignature signature, RouterSteps steps) {
    return method(signature, "executeAsync", futureType(signature), CodeBlock.builder()
            .add(asyncSummary()).add(inputsJavadoc(signature)).add(optionsJavadoc(signature))
            .add(asyncResultJavadoc())
            .build())
        .addParameter(RuntimeTypes.RUN_OPTIONS, signature.options())
        .addStatement("return this.engine.executeAsync($L,$W$L,$W$L)",
            signature.options(), signature.inputArray(), steps.call())
        .build();
  }

  private static MethodSpec.Builder method(
      RouterSignature signature, String name, TypeName returns, CodeBlock javadoc) {
    return MethodSpec.methodBuilder(name)
        .addJavadoc(javadoc)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns)
        .addParameters(signature.inputParameters());
  }

  private static TypeName futureType(RouterSignature signature) {
    return ParameterizedTypeName.get(RuntimeTypes.COMPLETABLE_FUTURE, signature.resultType());
  }

  private static CodeBlock typeJavadoc(RouterSignature signature) {
    RouterModel router = signature.router();
    CodeBlock.Builder doc = CodeBlock.builder()
        .add("Runs {@link $T}, the router $L: for each run its route method\n"
                + "{@code $L} picks one of its routes, which then runs as the child run of the "
                + "step {@code run}.\n", ClassName.get(router.type()),
            MethodJavadoc.code(router.name()), signature.method().name())
        .add("\n<p>Its routes:\n<ul>\n");
    for (RouterSignature.Route route : signature.routes()) {
      boolean fallback = signature.hasFallback() && route.equals(signature.fallback());
      doc.add("  <li>{@link $T}$L\n", ClassName.get(route.pipeline().type()),
          fallback ? ", the fallback when the route method fails" : "");
    }
    return doc.add("</ul>\n")
        .add("\n<p>A run has two steps: {@code route}, which calls the route method, and {@code "
            + "run}, which runs the\nchosen pipeline; {@code result.step(\"run\").childRuns()} "
            + "holds that pipeline's run, and\n{@code result.usage()} includes what both spent. "
            + "Its graph in Mermaid is the resource\n{@code $L} next to this class.\n",
            ExecutorNames.diagramOf(signature.executor()))
        .add("\n<p>Generated by Braid from {@link $T}; do not edit. Thread-safe: calls to\n"
                + "{@code execute} may overlap, and each is a run of its own.\n",
            ClassName.get(router.type()))
        .build();
  }

  private static CodeBlock inputsJavadoc(RouterSignature signature) {
    CodeBlock.Builder doc = CodeBlock.builder();
    signature.inputs().forEach(input -> {
      String name = RouteMethod.inputName(input);
      doc.add("@param $L the input $L, which the route method reads and the routes that\n"
              + "    take it receive\n",
          signature.identifier(name), MethodJavadoc.code(name));
    });
    return doc.build();
  }

  private static CodeBlock optionsJavadoc(RouterSignature signature) {
    return CodeBlock.of("@param $L this run's deadline, budgets and settings of the steps "
            + "{@code route} and\n    {@code run}, which win over the executor's {@link $T} "
            + "and the annotation\n",
        signature.options(), RuntimeTypes.PIPELINE_CONFIG);
  }

  private static CodeBlock resultJavadoc() {
    return CodeBlock.of("@return the result of the run: the chosen pipeline's output or, if it "
        + "stopped early, its\n    incomplete conversation state\n");
  }

  private static CodeBlock failuresJavadoc(RouterSignature signature) {
    return CodeBlock.builder()
        .add("@throws $T if $L; the step's exception is the cause\n",
            RuntimeTypes.STEP_EXECUTION_EXCEPTION, signature.hasFallback()
                ? "the pipeline that ran, the chosen one or the\n    fallback, failed"
                : "the route method failed or returned no route, or\n    the chosen pipeline "
                    + "failed")
        .add("@throws $T if the calling thread was interrupted; every step has ended\n"
            + "    by then\n", RuntimeTypes.RUN_CANCELLED_EXCEPTION)
        .add("@throws $T if the run outlived its deadline; every step has\n"
            + "    ended by then\n", RuntimeTypes.RUN_DEADLINE_EXCEEDED_EXCEPTION)
        .build();
  }

  private static CodeBlock asyncSummary() {
    return CodeBlock.of("Starts a run of the router on a thread of its own and returns at once. "
        + "Cancelling the\nfuture with {@code cancel(true)} cancels the run and the chosen "
        + "pipeline's.\n\n");
  }

  private static CodeBlock asyncResultJavadoc() {
    return CodeBlock.of("@return the run's result, completed exceptionally with what {@code "
        + "execute} would throw\n");
  }
}
