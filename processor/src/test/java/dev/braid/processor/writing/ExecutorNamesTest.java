package dev.braid.processor.writing;

import static com.google.common.truth.Truth.assertThat;

import com.palantir.javapoet.ClassName;
import org.junit.jupiter.api.Test;

class ExecutorNamesTest {

  @Test
  void appendsExecutorToATopLevelClassInTheSamePackage() {
    assertThat(ExecutorNames.executorOf(ClassName.get("com.acme", "TicketPipeline")))
        .isEqualTo(ClassName.get("com.acme", "TicketPipelineExecutor"));
  }

  @Test
  void joinsTheNamesOfANestedClassWithUnderscores() {
    assertThat(ExecutorNames.executorOf(ClassName.get("com.acme", "Outer", "Middle", "Inner")))
        .isEqualTo(ClassName.get("com.acme", "Outer_Middle_InnerExecutor"));
  }

  @Test
  void doublesTheUnderscoresWithinEachName() {
    assertThat(ExecutorNames.executorOf(ClassName.get("demo", "Q", "A_B")))
        .isEqualTo(ClassName.get("demo", "Q_A__BExecutor"));
    assertThat(ExecutorNames.executorOf(ClassName.get("demo", "Q_A", "B")))
        .isEqualTo(ClassName.get("demo", "Q__A_BExecutor"));
    assertThat(ExecutorNames.executorOf(ClassName.get("demo", "Q_A_B")))
        .isEqualTo(ClassName.get("demo", "Q__A__BExecutor"));
  }

  @Test
  void keepsTheDefaultPackage() {
    assertThat(ExecutorNames.executorOf(ClassName.get("", "Flow")))
        .isEqualTo(ClassName.get("", "FlowExecutor"));
  }

  @Test
  void namesTheDiagramAfterTheExecutor() {
    assertThat(ExecutorNames.diagramOf(ClassName.get("com.acme", "Outer_InnerExecutor")))
        .isEqualTo("Outer_InnerExecutor.mmd");
  }
}
