package dev.braid.processor.writing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.assertNoWarnings;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.braid.processor.testing.CompiledClasses;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.StepStatus;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Steps with {@code @Step(when)}: the generated executor checks the condition, a step or a method,
 * once the step's dependencies have ended, and the runtime skips the step when it is false.
 */
class ConditionalStepsTest {

  private static final String TRIAGE_PIPELINE = """
      @Pipeline
      class TriagePipeline {
        @Step boolean isTechnical(@Input String ticket) { return ticket.contains("error"); }
        @Step(when = "isTechnical") String escalate(@Input String ticket) {
          return "escalated " + ticket;
        }
        @Step(dependsOn = "escalate")
        String reply(Optional<String> escalate, @From("escalate") StepOutcome<String> outcome) {
          return escalate.orElse("answered") + ", skipped: " + outcome.isSkipped();
        }
      }
      """;

  private static JavaFileObject run(String body) {
    return JavaFileObjects.forSourceString("com.acme.Run", """
        package com.acme;

        public final class Run implements java.util.function.Supplier<Object> {
          @Override
          public Object get() {
            %s
          }
        }
        """.formatted(body));
  }

  private static CompiledClasses compileCleanly(Compilation compilation) {
    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    return new CompiledClasses(compilation);
  }

  @Test
  void runsTheStepWhenItsConditionStepReturnsTrue() {
    Compilation compilation = compile(source("TriagePipeline", TRIAGE_PIPELINE),
        run("return new TriagePipelineExecutor(new TriagePipeline()).execute(\"an error\");"));

    PipelineResult<?> result = compileCleanly(compilation).run("com.acme.Run");

    assertThat(result.output()).isEqualTo("escalated an error, skipped: false");
    assertThat(result.step("escalate").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(compilation).generatedSourceFile("com.acme.TriagePipelineExecutor")
        .contentsAsUtf8String()
        .contains("plan.step(\"escalate\", 0).when(\"isTechnical\").readsInputs(0);");
    assertThat(compilation).generatedSourceFile("com.acme.TriagePipelineExecutor")
        .contentsAsUtf8String().contains("""
                @Override
                public boolean shouldRun(int step, StepOutputs outputs) throws Exception {
                  return switch (step) {
                    case 1 -> outputs.<Boolean>optional(0).orElse(false);
                    default -> throw new IllegalArgumentException("Step " + step + \
            " has no condition");
                  };
                }
            """);
  }

  @Test
  void skipsTheStepWhenItsConditionStepReturnsFalseAndItsReadersSeeNoValue() {
    Compilation compilation = compile(source("TriagePipeline", TRIAGE_PIPELINE),
        run("return new TriagePipelineExecutor(new TriagePipeline()).execute(\"a question\");"));

    PipelineResult<?> result = compileCleanly(compilation).run("com.acme.Run");

    assertThat(result.output()).isEqualTo("answered, skipped: true");
    assertThat(result.step("isTechnical").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(result.step("escalate").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(result.step("escalate").attemptCount()).isEqualTo(0);
    assertThat(result.step("reply").status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  private static final String REFUND_PIPELINE = """
      @Pipeline
      class RefundPipeline {
        @Step String classify(@Input String ticket) {
          return ticket.startsWith("refund") ? "refund" : "other";
        }
        @Step(dependsOn = "classify", when = "needsApproval") String approve(String classify) {
          return "approved " + classify;
        }
        @Step(when = "isLarge") String audit(@Input int amount) { return "audited " + amount; }
        @Step(dependsOn = {"approve", "audit"})
        String reply(Optional<String> approve, Optional<String> audit) {
          return approve.orElse("no approval") + ", " + audit.orElse("no audit");
        }

        boolean needsApproval(String classify, @Input int amount) {
          if (amount < 0) {
            throw new IllegalArgumentException("negative amount " + amount);
          }
          return classify.equals("refund") && amount > 100;
        }

        static Boolean isLarge(@Input int amount) { return amount > 1000 ? Boolean.TRUE : null; }
      }
      """;

  private static Object refund(String ticket, int amount) {
    Compilation compilation = compile(source("RefundPipeline", REFUND_PIPELINE), run(
        "return new RefundPipelineExecutor(new RefundPipeline()).execute(\"%s\", %d);"
            .formatted(ticket, amount)));
    return compileCleanly(compilation).run("com.acme.Run");
  }

  @Test
  void callsAConditionMethodWithADependencyAndAnInput() {
    PipelineResult<?> approved = (PipelineResult<?>) refund("refund please", 500);
    PipelineResult<?> small = (PipelineResult<?>) refund("refund please", 50);
    PipelineResult<?> other = (PipelineResult<?>) refund("hello", 500);

    assertThat(approved.output()).isEqualTo("approved refund, no audit");
    assertThat(approved.step("approve").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(small.output()).isEqualTo("no approval, no audit");
    assertThat(small.step("approve").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(other.step("approve").status()).isEqualTo(StepStatus.SKIPPED);
  }

  @Test
  void callsAStaticConditionMethodAndTakesANullBooleanAsFalse() {
    PipelineResult<?> large = (PipelineResult<?>) refund("refund please", 5000);
    PipelineResult<?> small = (PipelineResult<?>) refund("refund please", 500);

    assertThat(large.output()).isEqualTo("approved refund, audited 5000");
    assertThat(small.step("audit").status()).isEqualTo(StepStatus.SKIPPED);
  }

  @Test
  void generatesTheConditionMethodCallsAndReadsTheirInputsInThePlan() {
    Compilation compilation = compile(source("RefundPipeline", REFUND_PIPELINE));

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("com.acme.RefundPipelineExecutor")
        .contentsAsUtf8String()
        .contains("plan.step(\"approve\", 0).when(\"needsApproval\").readsInputs(1);");
    assertThat(compilation).generatedSourceFile("com.acme.RefundPipelineExecutor")
        .contentsAsUtf8String().contains("""
                  return switch (step) {
                    case 1 -> pipeline.needsApproval(outputs.<String>get(0), amount);
                    case 2 -> Boolean.TRUE.equals(RefundPipeline.isLarge(amount));
            """);
  }

  @Test
  void failsTheStepWhoseConditionThrows() {
    CompiledClasses classes = compileCleanly(compile(source("RefundPipeline", REFUND_PIPELINE),
        run("return new RefundPipelineExecutor(new RefundPipeline()).execute(\"refund\", -1);")));

    StepExecutionException failure =
        assertThrows(StepExecutionException.class, () -> classes.run("com.acme.Run"));

    assertThat(failure.stepName()).isEqualTo("approve");
    assertThat(failure.getCause()).isInstanceOf(IllegalArgumentException.class);
    assertThat(failure.getCause()).hasMessageThat().isEqualTo("negative amount -1");
    assertThat(failure.partialResult().orElseThrow().step("approve").status())
        .isEqualTo(StepStatus.FAILED);
  }

  @Test
  void takesASkippedOrFailedOptionalConditionStepAsFalse() {
    Compilation compilation = compile(source("ChainPipeline", """
        @Pipeline
        class ChainPipeline {
          @Step boolean first(@Input boolean go) { return go; }
          @Step(when = "first") boolean second() { return true; }
          @Step(when = "second") String third() { return "third"; }
          @Step(optional = true) boolean broken() { throw new IllegalStateException("down"); }
          @Step(when = "broken") String fourth() { return "fourth"; }
          @Step(dependsOn = {"third", "fourth"})
          String last(StepOutcome<String> third, StepOutcome<String> fourth) {
            return third.isSkipped() + " " + fourth.isSkipped();
          }
        }
        """), run("return new ChainPipelineExecutor(new ChainPipeline()).execute(false);"));

    PipelineResult<?> result = compileCleanly(compilation).run("com.acme.Run");

    assertThat(result.output()).isEqualTo("true true");
    assertThat(result.step("second").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(result.step("third").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(result.step("broken").status()).isEqualTo(StepStatus.FAILED);
    assertThat(result.step("fourth").status()).isEqualTo(StepStatus.SKIPPED);
  }

  @Test
  void labelsConditionalStepsInTheGraph() {
    Compilation compilation = compile(source("TriagePipeline", TRIAGE_PIPELINE));

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "com/acme/TriagePipelineExecutor.mmd")
        .contentsAsUtf8String().isEqualTo("""
            flowchart LR
            %% critical path (by steps): isTechnical \u2192 escalate \u2192 reply
            %% widest level: 1 step (isTechnical)
              s0["isTechnical"]
              s1["escalate (when isTechnical)"]
              s2["reply"]
              s0 -.-> s1
              s1 --> s2
              classDef output stroke-width:3px
              class s2 output
              linkStyle 0,1 stroke:#d62728,stroke-width:3px
            """);
    assertThat(compilation).generatedSourceFile("com.acme.TriagePipelineExecutor")
        .contentsAsUtf8String()
        .contains("<code>escalate</code>, after <code>isTechnical</code>, only when "
            + "<code>isTechnical</code>");
  }
}
