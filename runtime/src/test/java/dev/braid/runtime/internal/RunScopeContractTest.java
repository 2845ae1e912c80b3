package dev.braid.runtime.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link RunScope} keeps, checked on Braid's own scope and on the one this JVM
 * chose: with {@code --enable-preview} that is {@code StructuredRun}, so the two are held to the
 * same tests.
 */
@Timeout(30)
class RunScopeContractTest {

  static Stream<RunScope> scopes() {
    RunScope chosen = RunScope.scope();
    return chosen instanceof VirtualThreadRun
        ? Stream.of(chosen) : Stream.of(chosen, new VirtualThreadRun());
  }

  @ParameterizedTest
  @MethodSource("scopes")
  void runsEveryTaskOnAVirtualThreadNamedAfterItAndJoinsThemAll(RunScope scope) throws Exception {
    Map<String, String> names = new ConcurrentHashMap<>();
    Map<String, Thread> ran = new ConcurrentHashMap<>();
    List<Runnable> tasks = new ArrayList<>();
    for (String step : List.of("a", "b", "c")) {
      tasks.add(() -> {
        // Read as the task runs: a thread that runs several tasks in turn is renamed for each.
        names.put(step, Thread.currentThread().getName());
        ran.put(step, Thread.currentThread());
      });
    }

    scope.forkAll("Flow", tasks, named("a", "b", "c"), () -> false, () -> {});

    assertThat(names).containsExactly(
        "a", "braid Flow/a", "b", "braid Flow/b", "c", "braid Flow/c");
    for (Thread thread : ran.values()) {
      assertThat(thread.isVirtual()).isTrue();
      assertThat(thread.isAlive()).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("scopes")
  void theCompletionThatDecidesTheRunInterruptsTheRestAndWaitsForThem(RunScope scope)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch waiting = new CountDownLatch(2);
    CountDownLatch interrupted = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    Queue<Thread> threads = new ConcurrentLinkedQueue<>();
    Runnable blocked = () -> {
      threads.add(Thread.currentThread());
      waiting.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
        // Ends only when the test lets it, so that forkAll returning proves it was joined.
        RunClock.await(release);
      }
    };
    Runnable deciding = () -> {
      RunClock.await(waiting);
      stop.set(true);
    };
    Thread releaser = Thread.ofVirtual().start(() -> {
      RunClock.await(interrupted);
      release.countDown();
    });

    scope.forkAll("Flow", List.of(blocked, deciding, blocked), named("a", "b", "c"), stop::get,
        () -> {});

    assertThat(interrupted.getCount()).isEqualTo(0);
    assertThat(threads).hasSize(2);
    for (Thread thread : threads) {
      assertThat(thread.isAlive()).isFalse();
    }
    releaser.join();
  }

  @ParameterizedTest
  @MethodSource("scopes")
  void theCallersInterruptCancelsBeforeTheTasksAreInterrupted(RunScope scope) throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    AtomicBoolean cancelled = new AtomicBoolean();
    Queue<String> seen = new ConcurrentLinkedQueue<>();
    Queue<Thread> threads = new ConcurrentLinkedQueue<>();
    Runnable blocked = () -> {
      threads.add(Thread.currentThread());
      started.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        seen.add(cancelled.get() ? "interrupted after cancel" : "interrupted before cancel");
      }
    };
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread owner = Thread.ofVirtual().start(() -> {
      try {
        scope.forkAll("Flow", List.of(blocked, blocked), named("a", "b"), () -> false,
            () -> cancelled.set(true));
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    started.await();

    owner.interrupt();
    owner.join();

    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(seen).containsExactly("interrupted after cancel", "interrupted after cancel");
    for (Thread thread : threads) {
      assertThat(thread.isAlive()).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("scopes")
  void aTaskThatThrowsEndsAloneAndTheOthersFinish(RunScope scope) throws Exception {
    Queue<String> finished = new ConcurrentLinkedQueue<>();
    Runnable failing = () -> {
      throw new IllegalStateException("step failed");
    };
    Thread.UncaughtExceptionHandler quiet = (thread, e) -> finished.add("uncaught " + e.getMessage());
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(quiet);
    try {
      scope.forkAll("Flow", List.of(failing, () -> finished.add("b")), named("a", "b"),
          () -> false, () -> {});
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }

    assertThat(finished).contains("b");
  }

  @ParameterizedTest
  @MethodSource("scopes")
  void noTasksReturnAtOnce(RunScope scope) throws Exception {
    scope.forkAll("Flow", List.of(), named(), () -> false, () -> {});

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("scopes")
  void aStopDecidedBeforeTheScopeOpensInterruptsEveryTask(RunScope scope) throws Exception {
    CountDownLatch interrupted = new CountDownLatch(2);
    Runnable blocked = () -> {
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
    };
    AtomicBoolean cancelled = new AtomicBoolean();
    Thread.currentThread().interrupt();

    assertThrows(InterruptedException.class, () -> scope.forkAll("Flow",
        List.of(blocked, blocked), named("a", "b"), () -> false, () -> cancelled.set(true)));

    assertThat(cancelled.get()).isTrue();
    assertThat(interrupted.getCount()).isEqualTo(0);
  }

  @Test
  void braidsOwnScopeReturnsOnceTheRunSettledAndLeavesAnAbandonedThreadBehind() throws Exception {
    VirtualThreadRun scope = new VirtualThreadRun();
    CountDownLatch stuck = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Thread> stubborn = new AtomicReference<>();
    AtomicReference<Thread> quick = new AtomicReference<>();
    AtomicBoolean settled = new AtomicBoolean();
    Runnable ignoresInterrupts = () -> {
      stubborn.set(Thread.currentThread());
      stuck.countDown();
      RunClock.await(release); // goes on through interrupts, as an abandoned attempt's code may
    };
    Thread owner = Thread.currentThread();
    Thread run = Thread.ofVirtual().start(() -> {
      RunClock.await(stuck);
      settled.set(true); // the run settles without the stubborn task, and wakes its caller
      LockSupport.unpark(owner);
    });

    scope.forkAll("Flow", List.of(ignoresInterrupts, () -> quick.set(Thread.currentThread())),
        named("a", "b"), () -> false, () -> {}, RunScope.Readiness.ALL,
        new RunScope.Abandonment() {
          @Override
          public boolean settled() {
            return settled.get();
          }

          @Override
          public boolean abandoned(Thread thread) {
            return thread == stubborn.get();
          }
        });

    // Returned while the abandoned task's thread still runs, having joined the other one.
    assertThat(scope.leavesAbandoned()).isTrue();
    assertThat(stubborn.get().isAlive()).isTrue();
    assertThat(quick.get().isAlive()).isFalse();
    release.countDown();
    stubborn.get().join();
    run.join();
  }

  @Test
  void braidsOwnScopeStartsATaskThatWasNotReadyOnlyWhenTheRunReportsIt() throws Exception {
    VirtualThreadRun scope = new VirtualThreadRun();
    AtomicReference<RunScope.Start> start = new AtomicReference<>();
    AtomicBoolean reported = new AtomicBoolean();
    Queue<String> ran = new ConcurrentLinkedQueue<>();
    Map<String, Thread> threads = new ConcurrentHashMap<>();
    Runnable first = () -> {
      ran.add("a");
      threads.put("a", Thread.currentThread());
      reported.set(true);
      start.get().ready(1); // as a step that ends lets a dependent go that it does not take
    };
    Runnable second = () -> {
      ran.add(reported.get() ? "b after it was reported ready" : "b before it was reported ready");
      threads.put("b", Thread.currentThread());
    };

    scope.forkAll("Flow", List.of(first, second), named("a", "b"), () -> false, () -> {},
        readyFirstOnly(start), RunScope.Abandonment.NONE);

    assertThat(scope.startsWhenReady()).isTrue();
    assertThat(ran).containsExactly("a", "b after it was reported ready").inOrder();
    assertThat(threads.get("b").getName()).isEqualTo("braid Flow/b");
    assertThat(threads.get("a").isAlive()).isFalse();
    assertThat(threads.get("b").isAlive()).isFalse();
  }

  @Test
  void braidsOwnScopeLetsTheThreadEndingATaskTakeATaskItMadeReadyOnce() throws Exception {
    VirtualThreadRun scope = new VirtualThreadRun();
    AtomicReference<RunScope.Start> start = new AtomicReference<>();
    Queue<String> ran = new ConcurrentLinkedQueue<>();
    Map<String, Thread> threads = new ConcurrentHashMap<>();
    Map<String, String> names = new ConcurrentHashMap<>();
    List<Runnable> tasks = new ArrayList<>();
    for (String step : List.of("a", "b", "c")) {
      tasks.add(() -> {
        ran.add(step);
        threads.put(step, Thread.currentThread());
        names.put(step, Thread.currentThread().getName());
      });
    }
    Runnable a = tasks.get(0);
    tasks.set(0, () -> {
      a.run();
      // As a step that ends lets its dependents go: it takes the first and has the other started.
      ran.add(start.get().take(1, 0) ? "a took b" : "a could not take b");
      ran.add(start.get().take(1, 0) ? "a took b twice" : "b was claimed");
      start.get().ready(2);
      ran.add(start.get().take(2, 0) ? "a took c" : "c has its own thread");
      tasks.get(1).run(); // as the run then runs the step it took
    });

    // Returns only once all three were counted as ended, b with a.
    scope.forkAll("Flow", tasks, named("a", "b", "c"), () -> false, () -> {},
        readyFirstOnly(start), RunScope.Abandonment.NONE);

    assertThat(ran).containsAtLeast("a", "a took b", "b was claimed", "c has its own thread", "b")
        .inOrder();
    assertThat(threads.get("b")).isSameInstanceAs(threads.get("a"));
    assertThat(threads.get("c")).isNotSameInstanceAs(threads.get("a"));
    assertThat(names.get("c")).isEqualTo("braid Flow/c");
    assertThat(threads.get("a").isAlive()).isFalse();
    assertThat(threads.get("c").isAlive()).isFalse();
  }

  @Test
  void braidsOwnScopeLetsNoOtherThreadTakeATask() throws Exception {
    VirtualThreadRun scope = new VirtualThreadRun();
    AtomicReference<RunScope.Start> start = new AtomicReference<>();
    AtomicBoolean takenElsewhere = new AtomicBoolean(true);
    Map<String, Thread> threads = new ConcurrentHashMap<>();
    List<Runnable> tasks = new ArrayList<>();
    for (String step : List.of("a", "b")) {
      tasks.add(() -> {
        threads.put(step, Thread.currentThread());
        if (step.equals("a")) {
          // As a thread a step was handed to would, after the step's first thread was abandoned.
          Thread other = Thread.ofPlatform().start(() -> {
            takenElsewhere.set(start.get().take(1, 0));
            if (!takenElsewhere.get()) {
              start.get().ready(1);
            }
          });
          RunClock.join(other);
        }
      });
    }

    scope.forkAll("Flow", tasks, named("a", "b"), () -> false, () -> {},
        readyFirstOnly(start), RunScope.Abandonment.NONE);

    assertThat(takenElsewhere.get()).isFalse();
    assertThat(threads.get("b")).isNotSameInstanceAs(threads.get("a"));
    assertThat(threads.get("b").getName()).isEqualTo("braid Flow/b");
  }

  @Test
  void braidsOwnScopeCountsTheTasksAThrowingTaskTookAsEnded() throws Exception {
    VirtualThreadRun scope = new VirtualThreadRun();
    AtomicReference<RunScope.Start> start = new AtomicReference<>();
    AtomicBoolean took = new AtomicBoolean();
    AtomicReference<Thread> first = new AtomicReference<>();
    AtomicReference<Throwable> uncaught = new AtomicReference<>();
    List<Runnable> tasks = List.of(
        () -> {
          first.set(Thread.currentThread());
          Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> uncaught.set(e));
          took.set(start.get().take(1, 0));
          throw new IllegalStateException("a's own failure");
        },
        () -> {
          throw new AssertionError("b was taken, so the scope must not start it");
        });

    // Returns only once both tasks were counted as ended.
    scope.forkAll("Flow", tasks, named("a", "b"), () -> false, () -> {},
        readyFirstOnly(start), RunScope.Abandonment.NONE);

    assertThat(took.get()).isTrue();
    first.get().join();
    assertThat(uncaught.get()).hasMessageThat().isEqualTo("a's own failure");
  }

  private static RunScope.Readiness readyFirstOnly(AtomicReference<RunScope.Start> start) {
    return new RunScope.Readiness() {
      @Override
      public boolean ready(int task) {
        return task == 0;
      }

      @Override
      public void whenReady(RunScope.Start starter) {
        start.set(starter);
      }
    };
  }

  @Test
  void braidsOwnScopeStartsTheTasksNeverReadyInterruptedOnceTheRunStops() throws Exception {
    VirtualThreadRun scope = new VirtualThreadRun();
    Map<String, Boolean> interruptedAtStart = new ConcurrentHashMap<>();
    Map<String, Thread> threads = new ConcurrentHashMap<>();
    List<Runnable> tasks = new ArrayList<>();
    for (String step : List.of("a", "b", "c")) {
      tasks.add(() -> {
        interruptedAtStart.put(step, Thread.currentThread().isInterrupted());
        threads.put(step, Thread.currentThread());
      });
    }

    // Only a is ready, no task is ever handed over, and a's end stops the run.
    scope.forkAll("Flow", tasks, named("a", "b", "c"), () -> true, () -> {},
        readyFirstOnly(new AtomicReference<>()), RunScope.Abandonment.NONE);

    assertThat(interruptedAtStart)
        .containsExactly("a", false, "b", true, "c", true);
    assertThat(threads.get("c").getName()).isEqualTo("braid Flow/c");
    for (Thread thread : threads.values()) {
      assertThat(thread.isAlive()).isFalse();
    }
  }

  @Test
  void onBraidsOwnScopeAThreadDoneWithItsTaskRunsTheTasksReadyAtTheStartThatHaveNoThreadYet()
      throws Exception {
    FirstThreadDone run = new FirstThreadDone(task -> {});

    run.forkAll(() -> false, RunScope.Abandonment.NONE);

    // a's thread ended before the owner started b's: it ran c and b meanwhile, from the last.
    assertThat(run.ran).containsExactly("a", "c", "b").inOrder();
    assertThat(run.threads.get("c")).isSameInstanceAs(run.threads.get("a"));
    assertThat(run.threads.get("b")).isSameInstanceAs(run.threads.get("a"));
    assertThat(run.names).containsExactly(
        "a", "braid Flow/a", "b", "braid Flow/b", "c", "braid Flow/c");
  }

  @Test
  void onBraidsOwnScopeAThreadTakesNoOtherTaskOnceTheRunIsStopping() throws Exception {
    AtomicBoolean stopping = new AtomicBoolean();
    FirstThreadDone run = new FirstThreadDone(task -> stopping.set(task.equals("a")));

    run.forkAll(stopping::get, RunScope.Abandonment.NONE);

    assertThat(run.threads.keySet()).containsExactly("a", "b", "c");
    assertThat(run.threads.get("c")).isNotSameInstanceAs(run.threads.get("a"));
  }

  @Test
  void onBraidsOwnScopeAnInterruptedThreadTakesNoOtherTask() throws Exception {
    FirstThreadDone run = new FirstThreadDone(task -> {
      if (task.equals("a")) {
        Thread.currentThread().interrupt(); // as a stop's interrupt that came after its end
      }
    });

    run.forkAll(() -> false, RunScope.Abandonment.NONE);

    assertThat(run.threads.keySet()).containsExactly("a", "b", "c");
    assertThat(run.threads.get("c")).isNotSameInstanceAs(run.threads.get("a"));
  }

  @Test
  void onBraidsOwnScopeAnAbandonedThreadTakesNoOtherTask() throws Exception {
    FirstThreadDone run = new FirstThreadDone(task -> {});
    RunScope.Abandonment firstAbandoned = new RunScope.Abandonment() {
      @Override
      public boolean settled() {
        return false;
      }

      @Override
      public boolean abandoned(Thread thread) {
        return thread == run.threads.get("a");
      }
    };

    run.forkAll(() -> false, firstAbandoned);

    assertThat(run.threads.keySet()).containsExactly("a", "b", "c");
    assertThat(run.threads.get("c")).isNotSameInstanceAs(run.threads.get("a"));
  }

  /**
   * Three tasks ready at once on Braid's own scope, whose owner, about to start b's thread, first
   * waits for a's thread to end: whatever a's thread does once done with a happens before the
   * owner reaches b and c.
   */
  private static final class FirstThreadDone {
    final Map<String, Thread> threads = new ConcurrentHashMap<>();
    final Map<String, String> names = new ConcurrentHashMap<>();
    final Queue<String> ran = new ConcurrentLinkedQueue<>();
    private final CountDownLatch aStarted = new CountDownLatch(1);
    private final List<Runnable> tasks = new ArrayList<>();
    private final List<String> threadNames = new AbstractList<>() {
      @Override
      public String get(int task) {
        if (task == 1 && Thread.currentThread().getName().equals("owner")) {
          RunClock.await(aStarted);
          try {
            if (!threads.get("a").join(Duration.ofSeconds(10))) {
              throw new AssertionError("a's thread did not end");
            }
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
        }
        return "braid Flow/" + "abc".charAt(task);
      }

      @Override
      public int size() {
        return 3;
      }
    };

    FirstThreadDone(Consumer<String> then) {
      for (String step : List.of("a", "b", "c")) {
        tasks.add(() -> {
          ran.add(step);
          threads.put(step, Thread.currentThread());
          names.put(step, Thread.currentThread().getName());
          if (step.equals("a")) {
            aStarted.countDown();
          }
          then.accept(step);
        });
      }
    }

    void forkAll(BooleanSupplier stopRequested,
        RunScope.Abandonment abandonment) throws Exception {
      AtomicReference<Throwable> failed = new AtomicReference<>();
      Thread owner = Thread.ofPlatform().name("owner").start(() -> {
        try {
          new VirtualThreadRun().forkAll("Flow", tasks, threadNames, stopRequested, () -> {},
              RunScope.Readiness.ALL, abandonment);
        } catch (Throwable e) {
          failed.set(e);
        }
      });
      owner.join();
      if (failed.get() != null) {
        throw new AssertionError(failed.get());
      }
    }
  }

  @Test
  void onlyBraidsOwnScopeStartsTasksAsTheyBecomeReady() {
    RunScope chosen = RunScope.scope();
    assertThat(chosen.startsWhenReady()).isEqualTo(chosen instanceof VirtualThreadRun);
  }

  @Test
  void onlyBraidsOwnScopeLeavesAbandonedThreadsBehind() {
    RunScope chosen = RunScope.scope();
    assertThat(chosen.leavesAbandoned()).isEqualTo(chosen instanceof VirtualThreadRun);
  }

  /** The threads' names, one per task in order, as a run gives them. */
  private static List<String> named(String... steps) {
    return Stream.of(steps).map(step -> "braid Flow/" + step).toList();
  }
}
