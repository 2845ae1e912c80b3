package dev.braid.runtime.internal;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Chooses once per JVM where runs fork their steps: on {@code StructuredTaskScope} when this JVM
 * can load it — Java 25 started with {@code --enable-preview} — and on plain virtual threads
 * otherwise. {@code -Dbraid.scope=structured} or {@code =threads} forces one. The preview class is
 * loaded by name, and only on Java 25, because no other release accepts a class file marked as a
 * Java 25 preview; a JVM where it cannot load never links to it. The choice is logged at DEBUG on
 * the {@code dev.braid.runtime} logger.
 */
final class RunScopes {
  /** The system property that forces a mode. */
  static final String PROPERTY = "braid.scope";
  /** The mode of {@code StructuredRun}. */
  static final String STRUCTURED = "structured";
  /** The mode of {@link VirtualThreadRun}. */
  static final String THREADS = "threads";
  private static final String STRUCTURED_RUN = "dev.braid.runtime.internal.StructuredRun";
  private static final int PREVIEW_RELEASE = 25;

  private RunScopes() {}

  /**
   * Returns normally when this JVM can run pipelines with the scope it was asked for.
   *
   * @throws IllegalStateException naming {@code pipelineName}, the JDK and the fix, if it cannot
   */
  public static void check(String pipelineName) {
    String problem = Holder.CHOICE.problem();
    if (problem != null) {
      throw new IllegalStateException("Pipeline '" + pipelineName + "' cannot run: " + problem);
    }
  }

  /** The scope of this JVM. */
  static RunScope scope() {
    RunScope scope = Holder.CHOICE.scope();
    if (scope == null) {
      throw new IllegalStateException("Braid cannot run pipelines: " + Holder.CHOICE.problem());
    }
    return scope;
  }

  /** The mode this JVM runs in, {@code structured} or {@code threads}, for tests and diagnostics. */
  public static String mode() {
    return scope().mode();
  }

  /**
   * Chooses a scope.
   *
   * @param requested the value of {@code -Dbraid.scope}, or null
   * @param release the JVM's feature release
   * @param structured loads the structured scope, called on Java 25 only; throws {@link
   *     UnsupportedClassVersionError} without {@code --enable-preview}, another {@link
   *     LinkageError} if the class is missing
   */
  static Choice choose(@Nullable String requested, int release, Supplier<RunScope> structured) {
    if (requested != null && !requested.equals(STRUCTURED) && !requested.equals(THREADS)) {
      return Choice.failed("-D" + PROPERTY + "=" + requested + " is not a scope Braid knows; "
          + "use -D" + PROPERTY + "=structured (StructuredTaskScope, Java 25 with --enable-preview) "
          + "or -D" + PROPERTY + "=threads (plain virtual threads, any JDK), or leave it unset to "
          + "let Braid choose.");
    }
    if (THREADS.equals(requested)) {
      return Choice.of(new VirtualThreadRun(), "forced by -D" + PROPERTY + "=threads");
    }
    String unavailable;
    if (release == PREVIEW_RELEASE) {
      try {
        return Choice.of(structured.get(), requested == null
            ? "Java 25 with --enable-preview" : "forced by -D" + PROPERTY + "=structured");
      } catch (UnsupportedClassVersionError e) {
        unavailable = "this JVM is Java 25 without --enable-preview";
      } catch (LinkageError e) {
        unavailable = "Braid's class for it could not be loaded (" + e + ")";
      }
    } else {
      unavailable = "this JVM is Java " + release
          + ", and Braid uses that preview API only on Java 25, the release it was compiled for";
    }
    if (requested != null) {
      return Choice.failed("-D" + PROPERTY + "=structured asks for StructuredTaskScope, a preview "
          + "API, and " + unavailable + ". Run on Java 25 with --enable-preview (for example `java "
          + "--enable-preview -D" + PROPERTY + "=structured -jar app.jar`), or remove -D" + PROPERTY
          + " to run steps on plain virtual threads.");
    }
    return Choice.of(new VirtualThreadRun(), "StructuredTaskScope is not available: " + unavailable);
  }

  /** Loads {@code StructuredRun} by name, so that nothing links to it before this runs. */
  private static RunScope loadStructured() {
    try {
      return (RunScope) Class.forName(STRUCTURED_RUN, true, RunScopes.class.getClassLoader())
          .getDeclaredConstructor()
          .newInstance();
    } catch (ReflectiveOperationException e) {
      throw new LinkageError("Cannot create " + STRUCTURED_RUN, e);
    }
  }

  /**
   * A scope, or the reason there is none.
   *
   * @param reason why this scope, for the log
   */
  record Choice(@Nullable RunScope scope, @Nullable String problem, String reason) {
    static Choice of(RunScope scope, String reason) {
      return new Choice(scope, null, reason);
    }

    static Choice failed(String problem) {
      return new Choice(null, problem, problem);
    }
  }

  /** Chooses once, on first use. */
  private static final class Holder {
    static final Choice CHOICE = chooseAndLog();

    private static Choice chooseAndLog() {
      Choice choice = choose(System.getProperty(PROPERTY), Runtime.version().feature(),
          RunScopes::loadStructured);
      System.Logger log = System.getLogger("dev.braid.runtime");
      RunScope scope = choice.scope();
      if (scope == null) {
        log.log(Level.DEBUG, "Braid cannot run pipelines: {0}", choice.problem());
      } else if (scope.mode().equals(STRUCTURED)) {
        log.log(Level.DEBUG, "Braid runs steps on StructuredTaskScope ({0})", choice.reason());
      } else {
        log.log(Level.DEBUG, "Braid runs steps on plain virtual threads ({0})", choice.reason());
      }
      return choice;
    }
  }
}
