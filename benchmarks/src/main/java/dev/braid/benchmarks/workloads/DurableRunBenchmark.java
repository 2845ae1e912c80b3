package dev.braid.benchmarks.workloads;

import dev.braid.durable.DurableDatabase;
import dev.braid.durable.WorkerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What durable runs cost over the same runs in process: chains of {@value #SHORT_CHAIN} and
 * {@value #LONG_CHAIN} zero-work steps, run by {@code PipelineDefinition.execute} in this JVM, and
 * submitted to {@code DurableRuns} and run by a {@code Worker} that checkpoints every step, on H2
 * and on PostgreSQL.
 *
 * <p>The batch benchmarks measure throughput: one operation runs {@value #RUNS} runs, at most
 * {@value #CONCURRENT_RUNS} at a time, and returns when all have ended. In process, that many
 * virtual threads run them back to back; durably, one thread submits them all and one worker with
 * {@value #CONCURRENT_RUNS} slots drains the queue, claiming a run as soon as a slot frees. The
 * single benchmarks measure latency: one run of the long chain, from submit until the worker has
 * stored its outcome, which on H2 includes the idle worker's wait for its next poll (on
 * PostgreSQL the submit's {@code NOTIFY} wakes it). After each
 * operation, untimed, its runs are checked and deleted, so that every operation starts from empty
 * tables: a table that grows from one operation to the next would make the result depend on how
 * many operations an iteration holds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DurableRunBenchmark {
  public static final int SHORT_CHAIN = 10;
  public static final int LONG_CHAIN = 40;
  public static final int RUNS = 64;
  public static final int CONCURRENT_RUNS = 8;
  /** Short, so that an idle worker finds a new run soon; the default is one second. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(1);
  /**
   * Seconds of warm-up of the H2 batches: H2 runs inside the benchmark's JVM, and on two cores
   * the JIT compiler takes more than ten seconds to compile its hot paths, during which a batch
   * gets several times faster.
   */
  public static final int H2_WARMUPS = 12;
  /** Seconds of warm-up of the other durable benchmarks, which level off within five. */
  public static final int DATABASE_WARMUPS = 6;

  private static final DurableChain SHORT = new DurableChain(SHORT_CHAIN);
  private static final DurableChain LONG = new DurableChain(LONG_CHAIN);

  @Benchmark
  public long inProcessShort() throws InterruptedException {
    return inProcess(SHORT);
  }

  @Benchmark
  public long inProcessLong() throws InterruptedException {
    return inProcess(LONG);
  }

  @Benchmark
  public int inProcessSingle() {
    return LONG.execute(0);
  }

  @Benchmark
  @Warmup(iterations = H2_WARMUPS, time = 1)
  public String h2Short(H2 h2) throws InterruptedException {
    return h2.store().batch(SHORT, RUNS);
  }

  @Benchmark
  @Warmup(iterations = H2_WARMUPS, time = 1)
  public String h2Long(H2 h2) throws InterruptedException {
    return h2.store().batch(LONG, RUNS);
  }

  @Benchmark
  @Warmup(iterations = DATABASE_WARMUPS, time = 1)
  public String h2Single(H2 h2) throws InterruptedException {
    return h2.store().batch(LONG, 1);
  }

  @Benchmark
  @Warmup(iterations = DATABASE_WARMUPS, time = 1)
  public String postgresShort(Postgres postgres) throws InterruptedException {
    return postgres.store().batch(SHORT, RUNS);
  }

  @Benchmark
  @Warmup(iterations = DATABASE_WARMUPS, time = 1)
  public String postgresLong(Postgres postgres) throws InterruptedException {
    return postgres.store().batch(LONG, RUNS);
  }

  @Benchmark
  @Warmup(iterations = DATABASE_WARMUPS, time = 1)
  public String postgresSingle(Postgres postgres) throws InterruptedException {
    return postgres.store().batch(LONG, 1);
  }

  /** Runs {@value #RUNS} runs of {@code chain} on {@value #CONCURRENT_RUNS} virtual threads. */
  private static long inProcess(DurableChain chain) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    return InFlight.run(CONCURRENT_RUNS, () -> {
      int sum = 0;
      for (int run = next.getAndIncrement(); run < RUNS; run = next.getAndIncrement()) {
        sum += chain.execute(run);
      }
      return sum;
    });
  }

  private static WorkerConfig workerConfig() {
    return WorkerConfig.builder()
        .maxConcurrentRuns(CONCURRENT_RUNS)
        .pollInterval(POLL_INTERVAL)
        .fireSchedules(false)
        .build();
  }

  /** An H2 file database in a new temporary directory, deleted afterwards. */
  @State(Scope.Benchmark)
  public static class H2 {
    private @Nullable Path directory;
    private @Nullable DurableStore store;

    @Setup(Level.Trial)
    public void open() throws IOException {
      Path created = Files.createTempDirectory("braid-benchmark-h2");
      directory = created;
      store = new DurableStore(DurableDatabase.h2(created), workerConfig(), SHORT, LONG);
    }

    DurableStore store() {
      return Objects.requireNonNull(store, "open() has not run");
    }

    @TearDown(Level.Invocation)
    public void clear() {
      store().verifyAndClear();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      store().close();
      if (directory != null) {
        try (Stream<Path> files = Files.walk(directory)) {
          for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(file);
          }
        }
      }
    }
  }

  /** A new database on the suite's PostgreSQL server, or on one of its own; dropped afterwards. */
  @State(Scope.Benchmark)
  public static class Postgres {
    private final String database = "braid_benchmark_" + ProcessHandle.current().pid();
    private @Nullable PostgresServer server;
    private @Nullable DurableStore store;

    @Setup(Level.Trial)
    public void open() throws IOException, SQLException {
      PostgresServer found = PostgresServer.suiteOrStart();
      server = found;
      store = new DurableStore(found.createDatabase(database), workerConfig(), SHORT, LONG);
    }

    DurableStore store() {
      return Objects.requireNonNull(store, "open() has not run");
    }

    @TearDown(Level.Invocation)
    public void clear() {
      store().verifyAndClear();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException, SQLException {
      store().close();
      if (server != null) {
        try {
          server.dropDatabase(database);
        } finally {
          server.close();
        }
      }
    }
  }
}
