package dev.braid.durable.internal;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class MigrationsTest {
  @Test
  void scriptsSplitOnSemicolonsAtLineEndsWithoutComments() {
    assertThat(Migrations.statements(
        "-- comment\nCREATE TABLE a (x INT);\n\nCREATE INDEX i\n  ON a (x);\n"))
        .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i\n  ON a (x)").inOrder();
  }

  @Test
  void scriptVersionsAreTheNumbersInTheirNamesInAscendingOrder() {
    assertThat(Migrations.version("V12__later.sql")).isEqualTo(12);
    assertThat(Migrations.SCRIPTS.stream().map(Migrations::version).toList())
        .isInStrictOrder();
  }

  @Test
  void everyScriptIsInTheJar() {
    for (String script : Migrations.SCRIPTS) {
      assertThat(Migrations.class.getResource("migrations/" + script)).isNotNull();
    }
  }
}
