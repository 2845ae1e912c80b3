package dev.braid.processor.model;

import static com.google.common.truth.Truth.assertThat;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.JavaFileObjects;
import dev.braid.processor.testing.ModelProbe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** How the model reads the nullness of outputs, parameters and inputs from annotations. */
class NullnessTest {

  /** Each step's output nullness, by step name. */
  private static Map<String, Nullness> outputs(JavaFileObject... sources) {
    Map<String, Nullness> outputs = new LinkedHashMap<>();
    ModelProbe.probe(pipeline -> pipeline.steps()
        .forEach(step -> outputs.put(step.name(), step.output().nullness())), sources);
    return outputs;
  }

  /** Each parameter's nullness, by parameter name. */
  private static Map<String, Nullness> parameters(JavaFileObject... sources) {
    Map<String, Nullness> parameters = new LinkedHashMap<>();
    ModelProbe.probe(pipeline -> pipeline.boundMethods().forEach(method -> method.parameters()
        .forEach(parameter -> parameters.put(parameter.name(), parameter.nullness()))), sources);
    return parameters;
  }

  @Test
  void readsNullableByItsSimpleNameOnTheDeclarationOrTheType() {
    JavaFileObject androidNullable = JavaFileObjects.forSourceString("androidx.annotation.Nullable",
        """
        package androidx.annotation;

        import java.lang.annotation.ElementType;
        import java.lang.annotation.Target;

        @Target({ElementType.METHOD, ElementType.PARAMETER})
        public @interface Nullable {}
        """);

    Map<String, Nullness> outputs = outputs(androidNullable, source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step @org.jspecify.annotations.Nullable String jspecify() { return null; }
          @Step java.util.@org.jspecify.annotations.Nullable List<String> qualified() {
            return null;
          }
          @Step String @org.jspecify.annotations.Nullable [] array() { return null; }
          @Step @org.jspecify.annotations.Nullable String[] components() { return new String[0]; }
          @Step @org.jetbrains.annotations.Nullable String jetbrains() { return null; }
          @Step @androidx.annotation.Nullable String android() { return null; }
          @Step @org.jetbrains.annotations.NotNull String notNull() { return ""; }
          @Step Integer plain() { return 1; }
          @Step int primitive() { return 1; }
          @Step ConversationState<@org.jspecify.annotations.Nullable String> state() {
            return ConversationState.complete(null);
          }
          @Step ConversationState<String> plainState() { return ConversationState.complete(""); }
          @Step void nothing() {}
        }
        """));

    assertThat(outputs).containsExactly(
        "jspecify", Nullness.NULLABLE,
        "qualified", Nullness.NULLABLE,
        "array", Nullness.NULLABLE,
        "components", Nullness.UNKNOWN,
        "jetbrains", Nullness.NULLABLE,
        "android", Nullness.NULLABLE,
        "notNull", Nullness.NON_NULL,
        "plain", Nullness.UNKNOWN,
        "primitive", Nullness.NON_NULL,
        "state", Nullness.NULLABLE,
        "plainState", Nullness.UNKNOWN,
        "nothing", Nullness.NULLABLE).inOrder();
  }

  @Test
  void makesUnannotatedTypesNonNullInNullMarkedCodeUnlessUnmarked() {
    JavaFileObject packageInfo = JavaFileObjects.forSourceString("com.acme.package-info", """
        @org.jspecify.annotations.NullMarked
        package com.acme;
        """);

    Map<String, Nullness> parameters = parameters(packageInfo, source("TicketPipeline", """
        import org.jspecify.annotations.NullUnmarked;
        import org.jspecify.annotations.Nullable;

        @Pipeline
        class TicketPipeline {
          @Step String marked(@Input String email, @Input @Nullable String note) { return ""; }

          @NullUnmarked
          @Step String unmarked(@Input String ticket) { return ""; }
        }
        """));

    assertThat(parameters).containsExactly(
        "email", Nullness.NON_NULL,
        "note", Nullness.NULLABLE,
        "ticket", Nullness.UNKNOWN).inOrder();
  }

  @Test
  void makesAnInputNullableOnlyWhenEveryParameterThatReadsItIs() {
    List<PipelineInput> inputs = new ArrayList<>();
    ModelProbe.probe(pipeline -> inputs.addAll(pipeline.inputs()), source("TicketPipeline", """
        import org.jetbrains.annotations.NotNull;
        import org.jetbrains.annotations.Nullable;

        @Pipeline
        class TicketPipeline {
          @Step String a(@Input @Nullable String note, @Input @Nullable String tag,
              @Input @Nullable String code) {
            return "";
          }
          @Step(when = "isShort") String b(@Input @Nullable String note, @Input String tag) {
            return "";
          }

          boolean isShort(@Input @NotNull String code) { return code.length() < 3; }
        }
        """));

    assertThat(inputs.stream().map(input -> input.name() + " " + input.nullness()).toList())
        .containsExactly("note NULLABLE", "tag UNKNOWN", "code NON_NULL").inOrder();
  }
}
