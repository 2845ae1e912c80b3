package dev.braid.runtime.internal;

import org.jspecify.annotations.Nullable;

/**
 * Checks once per JVM that {@link StructuredRun}, compiled against the Java 25 preview API, can be
 * loaded, and turns the JVM's {@link UnsupportedClassVersionError} into advice.
 */
public final class PreviewSupport {
  private static final String STRUCTURED_RUN = "dev.braid.runtime.internal.StructuredRun";

  private PreviewSupport() {}

  /**
   * Returns normally when this JVM can run pipelines.
   *
   * @throws IllegalStateException naming {@code pipelineName} and the fix, if it cannot
   */
  public static void check(String pipelineName) {
    @Nullable String problem = Holder.PROBLEM;
    if (problem != null) {
      throw new IllegalStateException("Pipeline '" + pipelineName + "' cannot run: " + problem);
    }
  }

  /** Loads the class once, on first use. */
  private static final class Holder {
    static final @Nullable String PROBLEM = probe();

    private static @Nullable String probe() {
      try {
        Class.forName(STRUCTURED_RUN, false, PreviewSupport.class.getClassLoader());
        return null;
      } catch (UnsupportedClassVersionError e) {
        return "Braid runs steps on StructuredTaskScope, a preview API of Java 25, and this JVM is "
            + "Java " + Runtime.version().feature()
            + (Runtime.version().feature() == 25 ? " without --enable-preview" : "")
            + ". Run on Java 25 with --enable-preview (for example `java --enable-preview -jar app.jar`,"
            + " or <argLine>--enable-preview</argLine> for Maven Surefire).";
      } catch (ClassNotFoundException e) {
        return "the Braid runtime jar is incomplete (" + e.getMessage() + ")";
      }
    }
  }
}
