package dev.braid.runtime.internal;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Where a run's step tasks run: one virtual thread per task, all joined before the run returns (but
 * those of attempts the run abandoned, on a scope that can leave them). One implementation is
 * chosen per JVM ({@link #scope()}): {@link VirtualThreadRun}, unless {@code
 * -Dbraid.scope=structured} asks for {@code StructuredRun} on {@code StructuredTaskScope}, which
 * only Java 25 started with {@code --enable-preview} can load. Both keep the same contract, so the
 * rest of the runtime never knows which one it has. The preview class is loaded by name, and only
 * on Java 25, because no other release accepts a class file marked as a Java 25 preview; a JVM
 * where it cannot load never links to it. The choice is logged at DEBUG on the {@code
 * dev.braid.runtime} logger.
 */
interface RunScope {

  /**
   * Forks every task at once, waits until all have ended or one of them makes {@code
   * stopRequested} true, then interrupts those still running and waits for them. Returns only after
   * every thread it started has ended. {@code stopRequested} is checked as each task completes, so
   * a caller that can be stopped from outside its tasks interrupts the calling thread when that
   * happens, as a run's coordinator does ({@link InFlight#stop}). A task's own exception ends that
   * task alone; the run's outcome lives in its coordinator, not in the scope.
   *
   * @param name names the scope in thread dumps, where the implementation has one
   * @param threadNames the name of each task's thread, in the tasks' order; a thread that runs
   *     several tasks one after another carries the name of the one it runs
   * @param onCancel runs when the calling thread is interrupted, before the tasks are, so that they
   *     can tell a cancelled run from a failure of their own
   * @throws InterruptedException if the calling thread was interrupted; the tasks were interrupted
   *     and have ended
   */
  void forkAll(String name, List<Runnable> tasks, List<String> threadNames,
      BooleanSupplier stopRequested, Runnable onCancel) throws InterruptedException;

  /**
   * Like {@link #forkAll(String, List, List, BooleanSupplier, Runnable)}, with two things a scope
   * may use. {@code readiness} says when each task can run: a scope that {@linkplain
   * #startsWhenReady() starts tasks when they are ready} starts only the ready ones at once and
   * each other one as the run hands it over ({@link Start}), so that a step never parks a thread of
   * its own waiting for its dependencies; once the run stops, it starts the tasks never handed over
   * already interrupted, so that each still ends as an interrupted task would. {@code abandonment}
   * lets a scope that {@linkplain #leavesAbandoned() leaves abandoned threads behind} return once
   * every task has ended or the run has settled without them, joining every thread it started but
   * those. A scope that does neither forks every task at once and waits for every thread.
   */
  default void forkAll(String name, List<Runnable> tasks, List<String> threadNames,
      BooleanSupplier stopRequested, Runnable onCancel, Readiness readiness,
      Abandonment abandonment) throws InterruptedException {
    forkAll(name, tasks, threadNames, stopRequested, onCancel);
  }

  /**
   * Whether this scope starts a task's thread only once the task is ready. {@code
   * StructuredTaskScope} on Java 25 lets only its owner fork, so it forks every task at once and a
   * task that must wait for others parks its thread until they end.
   */
  default boolean startsWhenReady() {
    return false;
  }

  /**
   * Whether this scope can return while threads of abandoned attempts still run, so that the
   * caller of a run that may abandon attempts can own it rather than waiting on a thread that
   * does. {@code StructuredTaskScope} cannot: its {@code close()} waits for every thread.
   */
  default boolean leavesAbandoned() {
    return false;
  }

  /** Names this implementation in the log and in {@code -Dbraid.scope}. */
  String mode();

  /** When a run's tasks can run, for a scope that starts them as they become ready. */
  interface Readiness {
    /** Every task is ready at once. */
    Readiness ALL = new Readiness() {
      @Override
      public boolean ready(int task) {
        return true;
      }

      @Override
      public void whenReady(Start start) {}
    };

    /** Whether task {@code task} can run now. */
    boolean ready(int task);

    /**
     * Registers {@code start}, to which the run then hands each task that was not ready as it
     * becomes ready. Called once, before the first task starts.
     */
    void whenReady(Start start);
  }

  /**
   * How a run hands a task that became ready to a scope that starts tasks as they do: it starts a
   * thread for the task, or lets the thread whose task's end made it ready run it next. Called on
   * any thread, at most once per task.
   */
  interface Start {
    /** Task {@code task} is ready: starts a thread for it, unless one was started already. */
    void ready(int task);

    /**
     * Lets the calling thread claim task {@code task}, which the end of {@code endingTask} made
     * ready, to run it itself once done with {@code endingTask}, instead of a thread being started
     * for it; false if the calling thread is not one the scope runs {@code endingTask} on, or the
     * task has a thread already (once the run stops, the scope starts every task not yet claimed).
     * The scope counts a task it lets a thread take as ended once that thread's first task has
     * returned, which it does only after running every task it took.
     */
    boolean take(int task, int endingTask);
  }

  /** What a scope that leaves abandoned threads behind asks of its run. */
  interface Abandonment {
    /** Abandons nothing: every thread is joined. */
    Abandonment NONE = new Abandonment() {
      @Override
      public boolean settled() {
        return false;
      }

      @Override
      public boolean abandoned(Thread thread) {
        return false;
      }
    };

    /** Whether the run settled with an attempt abandoned, so that its caller may go. */
    boolean settled();

    /** Whether {@code thread} runs an attempt the run abandoned; the scope does not join it. */
    boolean abandoned(Thread thread);
  }

  /** The system property that forces a mode. */
  String PROPERTY = "braid.scope";
  /** The mode of {@code StructuredRun}. */
  String STRUCTURED = "structured";
  /** The mode of {@link VirtualThreadRun}. */
  String THREADS = "threads";
  /** The class of {@code StructuredRun}, loaded by name. */
  String STRUCTURED_RUN = "dev.braid.runtime.internal.StructuredRun";
  /** The only release whose preview API {@code StructuredRun} is compiled for. */
  int PREVIEW_RELEASE = 25;

  /**
   * Returns normally when this JVM can run pipelines with the scope it was asked for.
   *
   * @throws IllegalStateException naming {@code pipelineName}, the JDK and the fix, if it cannot
   */
  static void check(String pipelineName) {
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
  static String chosenMode() {
    return scope().mode();
  }

  /**
   * Chooses a scope: Braid's own, on every JVM, unless {@code -Dbraid.scope=structured} asks for
   * {@code StructuredTaskScope}, which loads only on Java 25 with {@code --enable-preview}. The
   * flag alone does not switch scopes, so that a JVM started with it for another library's sake
   * runs pipelines as it would without: Braid's own scope holds fewer threads and runs every
   * benchmarked plan at least as fast; {@code StructuredTaskScope} shows a run's threads as one
   * scope in a JSON thread dump.
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
          + "or -D" + PROPERTY + "=threads (plain virtual threads, any JDK), or leave it unset for "
          + "plain virtual threads.");
    }
    if (requested == null) {
      return Choice.of(new VirtualThreadRun(), "the default; -D" + PROPERTY + "=structured asks "
          + "for StructuredTaskScope on Java 25 with --enable-preview");
    }
    if (THREADS.equals(requested)) {
      return Choice.of(new VirtualThreadRun(), "forced by -D" + PROPERTY + "=threads");
    }
    String unavailable;
    if (release == PREVIEW_RELEASE) {
      try {
        return Choice.of(structured.get(), "forced by -D" + PROPERTY + "=structured");
      } catch (UnsupportedClassVersionError e) {
        unavailable = "this JVM is Java 25 without --enable-preview";
      } catch (LinkageError e) {
        unavailable = "Braid's class for it could not be loaded (" + e + ")";
      }
    } else {
      unavailable = "this JVM is Java " + release
          + ", and Braid uses that preview API only on Java 25, the release it was compiled for";
    }
    return Choice.failed("-D" + PROPERTY + "=structured asks for StructuredTaskScope, a preview "
        + "API, and " + unavailable + ". Run on Java 25 with --enable-preview (for example `java "
        + "--enable-preview -D" + PROPERTY + "=structured -jar app.jar`), or remove -D" + PROPERTY
        + " to run steps on plain virtual threads.");
  }

  /** Loads {@code StructuredRun} by name, so that nothing links to it before this runs. */
  private static RunScope loadStructured() {
    try {
      return (RunScope) Class.forName(STRUCTURED_RUN, true, RunScope.class.getClassLoader())
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
  final class Holder {
    static final Choice CHOICE = chooseAndLog();

    private Holder() {}

    private static Choice chooseAndLog() {
      Choice choice = choose(System.getProperty(PROPERTY), Runtime.version().feature(),
          RunScope::loadStructured);
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
