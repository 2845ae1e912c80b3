package dev.braid.durable.process;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableDatabase;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredRun;
import dev.braid.durable.Worker;
import dev.braid.durable.WorkerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 database under {@code SIGKILL}: a submitter process and a worker process take
 * turns on one H2 file (H2 locks it to one process), and each is killed at a random moment of its
 * work, round after round; then a worker in the test's own JVM finishes what is left.
 *
 * <p>What the database acknowledged is read from the processes' output, not from the file: the
 * submitter prints each run id once {@code submit} has returned, and the worker prints each
 * checkpoint once its commit returned ({@link CheckpointWitness}), and each step execution before
 * the step starts ({@link LedgerPipeline.Ledger#printing()}). No acknowledged run may be missing,
 * and no step may run again, or be checkpointed again, after its checkpoint was acknowledged. With
 * H2's default {@code WRITE_DELAY} of 500 ms, commits acknowledged just before a kill are lost and
 * this test fails.
 */
class H2ProcessCrashTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int ROUNDS = 6;
  /**
   * Every kill costs the runs in flight one of their claims, so the workers allow far more than a
   * run could use up here: the test is about what a kill loses, not about runs that crash workers.
   */
  private static final int ATTEMPTS = 1_000;
  private static final String[] WORKER = {"slots=4", "latency=5", "lease=2000", "heartbeat=400",
      "poll=50", "ledger=stdout", "attempts=" + ATTEMPTS};

  @TempDir Path temp;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private final List<WorkerProcess> processes = new ArrayList<>();
  private final Random random = new Random();

  @AfterEach
  void tearDown() throws Exception {
    for (WorkerProcess process : processes) {
      process.close();
    }
  }

  private Path directory() {
    return temp.resolve("db");
  }

  private WorkerProcess start(Class<?> main, String name, AtomicInteger printed,
      Predicate<String> counts, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("h2=" + directory()));
    all.addAll(List.of(args));
    WorkerProcess process = WorkerProcess.start(main, name, temp, line -> {
      output.add(line);
      if (counts.test(line)) {
        printed.incrementAndGet();
      }
    }, all.toArray(String[]::new));
    processes.add(process);
    process.awaitLine("READY", WAIT);
    return process;
  }

  /** Kills {@code process} once it has printed {@code lines} of what {@code printed} counts. */
  private static void killAfter(WorkerProcess process, AtomicInteger printed, int lines)
      throws Exception {
    DatabaseProbe.eventually(process.name() + " printing " + lines + " lines", WAIT,
        () -> printed.get() >= lines, process::log);
    assertThat(process.kill()).isEqualTo(WorkerProcess.KILLED_BY_SIGKILL);
  }

  @Test
  void noAcknowledgedRunOrCheckpointIsLostWhenTheProcessesAreKilled() throws Exception {
    for (int round = 1; round <= ROUNDS; round++) {
      AtomicInteger submitted = new AtomicInteger();
      WorkerProcess submitter = start(SubmitterMain.class, "submitter-" + round, submitted,
          line -> line.startsWith("SUBMITTED "), "name=round-" + round, "pause=5");
      killAfter(submitter, submitted, 5 + random.nextInt(20));

      AtomicInteger checkpointed = new AtomicInteger();
      List<String> args = new ArrayList<>(List.of("worker=worker-" + round));
      args.addAll(List.of(WORKER));
      WorkerProcess worker = start(WorkerMain.class, "worker-" + round, checkpointed,
          line -> line.startsWith("CHECKPOINTED "), args.toArray(String[]::new));
      worker.go();
      int open = checkpointsStillOpen();
      killAfter(worker, checkpointed, Math.min(open, 5 + random.nextInt(30)));
    }
    Map<String, String> acknowledged = new LinkedHashMap<>();
    for (String line : snapshot()) {
      String[] words = line.split(" ");
      if (words[0].equals("SUBMITTED")) {
        acknowledged.put(words[1], words[2]);
      }
    }

    try (HikariDataSource database = DurableDatabase.h2(directory())) {
      DurableRuns runs = DurableRuns.create(database);
      List<String> missing = new ArrayList<>();
      for (Map.Entry<String, String> run : acknowledged.entrySet()) {
        if (runs.status(run.getKey()).isEmpty()) {
          missing.add(run.getValue());
        }
      }
      assertWithMessage("acknowledged runs (of %s) missing after the kills", acknowledged.size())
          .that(missing).isEmpty();
      LedgerPipeline pipeline = new LedgerPipeline(LedgerPipeline.Ledger.lines(output::add),
          LedgerPipeline.Work.taking(Duration.ZERO));
      try (Worker last = Worker.start(new CheckpointWitness(database, output::add),
          WorkerConfig.builder().workerId("last").maxConcurrentRuns(8).maxAttempts(ATTEMPTS)
              .lease(Duration.ofSeconds(2)).heartbeat(Duration.ofMillis(400))
              .pollInterval(Duration.ofMillis(50)).build(),
          pipeline.registration())) {
        for (Map.Entry<String, String> run : acknowledged.entrySet()) {
          StoredRun done = runs.await(run.getKey(), WAIT);
          assertWithMessage("run of %s (%s)", run.getValue(), done.error()).that(done.status())
              .isEqualTo(RunStatus.SUCCEEDED);
          assertThat(runs.<String>output(done, String.class))
              .isEqualTo(LedgerPipeline.expectedOutput(run.getValue()));
        }
      }
    }
    assertWithMessage("steps run or checkpointed again after their checkpoint was acknowledged")
        .that(repeatedAfterCheckpoint()).isEmpty();
  }

  /** The file stays locked to the process that opened it, and opening it elsewhere says so. */
  @Test
  void openingAFileAnotherProcessHasOpenNamesTheWaysOut() throws Exception {
    WorkerProcess holder = start(SubmitterMain.class, "holder", new AtomicInteger(),
        line -> false, "name=held", "pause=1000");

    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> DurableDatabase.h2(directory()));

    assertThat(refused).hasMessageThat().isEqualTo("The H2 database in " + directory()
        + " is open in another process, and H2 lets one process at a time use its file; submit"
        + " and run durable runs in that process, give this one a directory of its own"
        + " (DurableDatabase.h2(Path) or -Dbraid.durable.dir), or share runs between processes"
        + " with DurableDatabase.postgres(…)");
    assertThat(holder.kill()).isEqualTo(WorkerProcess.KILLED_BY_SIGKILL);
  }

  /**
   * How many checkpoints the acknowledged runs have yet to write, at least: a worker is killed
   * after at most that many, so that a round never waits for work that was not submitted.
   */
  private int checkpointsStillOpen() {
    int runs = 0;
    Set<String> checkpoints = new HashSet<>();
    for (String line : snapshot()) {
      String[] words = line.split(" ");
      if (words[0].equals("SUBMITTED")) {
        runs++;
      } else if (words[0].equals("CHECKPOINTED")) {
        checkpoints.add(words[1] + "/" + words[2]);
      }
    }
    return runs * LedgerPipeline.STEPS.size() - checkpoints.size();
  }

  private List<String> snapshot() {
    synchronized (output) {
      return List.copyOf(output);
    }
  }

  /**
   * Every step execution or checkpoint, in the order read, that came after the same step of the
   * same run had an acknowledged checkpoint. One process runs at a time, and each is killed and
   * its output read to the end before the next starts, so this is the order of the events.
   */
  private List<String> repeatedAfterCheckpoint() {
    Set<String> checkpointed = new HashSet<>();
    List<String> repeated = new ArrayList<>();
    for (String line : snapshot()) {
      String[] words = line.split(" ");
      if (words[0].equals("RAN") && checkpointed.contains(words[1] + "/" + words[3])) {
        repeated.add(line);
      } else if (words[0].equals("CHECKPOINTED") && !checkpointed.add(words[1] + "/" + words[2])) {
        repeated.add(line);
      }
    }
    return repeated;
  }
}
