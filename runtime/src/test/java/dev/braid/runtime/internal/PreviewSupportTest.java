package dev.braid.runtime.internal;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PreviewSupportTest {

  @Test
  void aJvmStartedWithoutEnablePreviewIsToldToAddIt() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        PreviewProbe.class.getName())
        .redirectErrorStream(true)
        .start();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(exited).isTrue();
    assertThat(output.strip()).isEqualTo("Pipeline 'Probe' cannot run: Braid runs steps on "
        + "StructuredTaskScope, a preview API of Java 25, and this JVM is Java 25 without "
        + "--enable-preview. Run on Java 25 with --enable-preview (for example `java "
        + "--enable-preview -jar app.jar`, or <argLine>--enable-preview</argLine> for Maven Surefire).");
  }

  @Test
  void aJvmWithEnablePreviewPassesTheCheck() {
    PreviewSupport.check("Probe");
    assertThat(List.of(Runtime.version().feature())).containsExactly(25);
  }
}
