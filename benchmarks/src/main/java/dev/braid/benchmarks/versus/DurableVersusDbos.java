package dev.braid.benchmarks.versus;

import dev.dbos.transact.DBOS;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs braid-durable and DBOS Transact for Java side by side on one embedded PostgreSQL server
 * with {@code fsync} and {@code synchronous_commit} on, and prints a Markdown table of their
 * figures and ratios on standard output, progress on standard error: queued chains drained 8 at a
 * time, a single run, a fan-out, and recovery after {@code kill -9}. Each library gets a database
 * of its own, and every round of in-process workloads a fresh one, the two libraries taking turns
 * to go first. Exits with status 1 if a workload fails; a missed target is reported, not a
 * failure. {@link VersusSettings} lists the arguments.
 */
public final class DurableVersusDbos {
  private static final String DRAIN = "queued chain-10 runs, 8 at a time";
  private static final String SINGLE = "single chain-10 run";
  private static final String FAN_OUT = "fan-out 1 → 8 × 20 ms → 1";

  private DurableVersusDbos() {}

  public static void main(String[] args) throws Exception {
    VersusSettings settings = VersusSettings.parse(args);
    Instant started = Instant.now();
    Map<Library, Figures> figures = new EnumMap<>(Library.class);
    for (Library library : Library.values()) {
      figures.put(library, new Figures());
    }
    try (DurablePostgres postgres = DurablePostgres.start(!settings.smoke())) {
      WireCountCheck.run(postgres);
      Workloads workloads = new Workloads(postgres);
      for (int round = 0; round < settings.rounds(); round++) {
        List<Library> order = round % 2 == 0
            ? List.of(Library.values()) : List.of(Library.values()).reversed();
        for (Library library : order) {
          progress("Round %d, %s: %,d queued chains", round + 1, library.displayName,
              settings.drainRuns());
          String database = library.tag + "_drain_" + round;
          postgres.createDatabase(database);
          try (Contender contender = library.start(postgres, database, Shapes.COMPARISON)) {
            workloads.drain(contender, settings.warmUpRuns());
            postgres.checkpoint();
            Workloads.Drain drain = workloads.drain(contender, settings.drainRuns());
            figures.get(library).drains.add(drain);
            progress("  %.1f workflows/s", drain.runsPerSecond());
          }
          postgres.checkpoint();
        }
        progress("Round %d: single runs and fan-outs, the libraries taking turns", round + 1);
        Map<Library, Contender> contenders = new EnumMap<>(Library.class);
        try {
          for (Library library : order) {
            String database = library.tag + "_latency_" + round;
            postgres.createDatabase(database);
            contenders.put(library, library.start(postgres, database, Shapes.COMPARISON));
          }
          List<Contender> turns = order.stream().map(contenders::get).toList();
          int warmUps = Math.max(1, settings.warmUpRuns() / 20);
          workloads.singleRuns(turns, warmUps);
          workloads.fanOuts(turns, warmUps);
          postgres.checkpoint();
          Map<Contender, Map<Workloads.Until, Workloads.Latencies>> singles =
              workloads.singleRuns(turns, settings.samples());
          Map<Contender, Map<Workloads.Until, Workloads.Latencies>> fanOuts =
              workloads.fanOuts(turns, settings.samples());
          for (Library library : order) {
            Contender contender = contenders.get(library);
            Figures measured = figures.get(library);
            for (Workloads.Until until : Workloads.Until.values()) {
              measured.singles.get(until).add(singles.get(contender).get(until));
              measured.fanOuts.get(until).add(fanOuts.get(contender).get(until));
            }
            progress("  %s: single run %.1f ms stored, %.1f ms read;"
                    + " fan-out %.1f ms stored, %.1f ms read", library.displayName,
                singles.get(contender).get(Workloads.Until.STORED).median(),
                singles.get(contender).get(Workloads.Until.READ).median(),
                fanOuts.get(contender).get(Workloads.Until.STORED).median(),
                fanOuts.get(contender).get(Workloads.Until.READ).median());
          }
        } finally {
          for (Contender contender : contenders.values()) {
            contender.close();
          }
        }
      }
      Recovery recovery = new Recovery(postgres, settings.workerId(), settings.braidLease());
      for (Library library : Library.values()) {
        progress("%s: kill -9 a worker process mid-drain and restart it", library.displayName);
        Recovery.Result result = recovery.measure(library, "recovery_" + library.tag,
            settings.recoveryRuns(), settings.killAfter(), settings.recoveryStepWork());
        figures.get(library).recovery = result;
        progress("  %.2f s from the kill (killed after %d of %d runs)", result.took().toNanos() / 1e9,
            result.succeededAtKill(), result.runs());
      }
    }
    progress("Done");
    System.out.print(new Report(settings, figures, started, Instant.now()));
  }

  private static final long START_NANOS = System.nanoTime();

  private static void progress(String format, Object... values) {
    System.err.printf(Locale.ROOT, "[%5.1f s] %s%n", (System.nanoTime() - START_NANOS) / 1e9,
        String.format(Locale.ROOT, format, values));
  }

  /** One library's measurements over all rounds. */
  static final class Figures {
    final List<Workloads.Drain> drains = new ArrayList<>();
    final Map<Workloads.Until, List<Workloads.Latencies>> singles = byUntil();
    final Map<Workloads.Until, List<Workloads.Latencies>> fanOuts = byUntil();

    private static Map<Workloads.Until, List<Workloads.Latencies>> byUntil() {
      Map<Workloads.Until, List<Workloads.Latencies>> lists =
          new EnumMap<>(Workloads.Until.class);
      for (Workloads.Until until : Workloads.Until.values()) {
        lists.put(until, new ArrayList<>());
      }
      return lists;
    }
    Recovery.@org.jspecify.annotations.Nullable Result recovery;
  }

  /** The tables and their notes. */
  private record Report(VersusSettings settings, Map<Library, Figures> figures, Instant started,
      Instant ended) {

    @Override
    public String toString() {
      Figures braid = figures.get(Library.BRAID);
      Figures dbos = figures.get(Library.DBOS);
      Shapes shapes = Shapes.COMPARISON;
      MarkdownTable results = new MarkdownTable("workload", "metric", "Braid", "DBOS",
          "Braid ÷ DBOS", "target", "met");
      double braidRate = bestRate(braid);
      double dbosRate = bestRate(dbos);
      results.row(String.format(Locale.ROOT, "%,d %s", settings.drainRuns(), DRAIN),
          "workflows/s, best of " + settings.rounds(), number(braidRate), number(dbosRate),
          ratio(braidRate / dbosRate), "≥ 2× DBOS", verdict(braidRate / dbosRate >= 2));
      for (Workloads.Until until : Workloads.Until.values()) {
        latencyRow(results, SINGLE + untilText(until), braid.singles.get(until),
            dbos.singles.get(until));
      }
      for (Workloads.Until until : Workloads.Until.values()) {
        latencyRow(results, FAN_OUT + untilText(until), braid.fanOuts.get(until),
            dbos.fanOuts.get(until));
      }
      double braidRecovery = seconds(braid);
      double dbosRecovery = seconds(dbos);
      results.row(String.format(Locale.ROOT,
              "kill -9 a worker mid-drain of %d chain-10 runs (%d ms steps), restart it at once",
              settings.recoveryRuns(), settings.recoveryStepWork().toMillis()),
          "s from kill until all done", String.format(Locale.ROOT, "%.2f", braidRecovery),
          String.format(Locale.ROOT, "%.2f", dbosRecovery), ratio(braidRecovery / dbosRecovery),
          "≤ DBOS", verdict(braidRecovery <= dbosRecovery));

      MarkdownTable wire = new MarkdownTable("workload", "Braid statements / step",
          "Braid round trips / step", "DBOS statements / step", "DBOS round trips / step");
      int chainSteps = shapes.chainSteps();
      int fanOutSteps = shapes.branches() + 2;
      wire.row(DRAIN, perStep(drainWire(braid), drainSteps(braid, chainSteps)),
          perStep(drainWire(braid).roundTrips(), drainSteps(braid, chainSteps)),
          perStep(drainWire(dbos), drainSteps(dbos, chainSteps)),
          perStep(drainWire(dbos).roundTrips(), drainSteps(dbos, chainSteps)));
      Workloads.Until stored = Workloads.Until.STORED;
      wireRow(wire, SINGLE, braid.singles.get(stored), dbos.singles.get(stored), chainSteps);
      wireRow(wire, FAN_OUT, braid.fanOuts.get(stored), dbos.fanOuts.get(stored), fanOutSteps);

      return "\n## Braid durable runs against DBOS Transact (" + (settings.smoke() ? "smoke" : "full")
          + ")\n\n" + results + "\nOn the wire, per step, run overhead included:\n\n" + wire
          + "\n" + notes();
    }

    private String notes() {
      var os = (com.sun.management.OperatingSystemMXBean)
          ManagementFactory.getOperatingSystemMXBean();
      Duration lease = settings.braidLease();
      return String.format(Locale.ROOT, "- Run %s, for %d s, on %d cores and %.0f GiB RAM, %s %s,"
              + " Java %s; DBOS Transact %s.%n",
          started.truncatedTo(ChronoUnit.SECONDS), Duration.between(started, ended).toSeconds(),
          Runtime.getRuntime().availableProcessors(),
          os.getTotalMemorySize() / (double) (1L << 30), System.getProperty("os.name"),
          System.getProperty("os.arch"), Runtime.version(), DBOS.version())
          + (settings.smoke()
              ? "- PostgreSQL 18, embedded, with its test defaults (fsync off);"
              : "- PostgreSQL 18, embedded, with fsync, synchronous_commit and full_page_writes on;")
          + " each library in a database of its own, each round in a fresh one.\n"
          + String.format(Locale.ROOT, "- Latencies: the median of %d runs one after another"
              + " (%d per round, the libraries taking turns run by run, both running), from submit"
              + " until the run's outcome is committed, or until"
              + " the submitter reads its result through the library's API: Braid's"
              + " DurableRuns.await, which polls the database after 10, 30, 70, 150, 310 ms…,"
              + " and DBOS's WorkflowHandle.getResult, which is ready once the outcome is"
              + " committed. Braid's stored time is taken in the worker's JVM when its last step"
              + " has run and the worker has no run in flight any more.%n",
              settings.samples() * settings.rounds(), settings.samples())
          + "- Workflows/s in each round, in order: Braid " + rates(figures.get(Library.BRAID))
          + ", DBOS " + rates(figures.get(Library.DBOS)) + ".\n"
          + "- Braid: one Worker in the benchmark's JVM, defaults but maxConcurrentRuns 8."
          + " DBOS: one DBOS instance in the same JVM, a queue with workerConcurrency 8 polled"
          + " every " + DbosContender.QUEUE_POLL_MILLIS + " ms (its default is 1 s); single runs"
          + " and fan-outs started directly, the fan-out's branches as child workflows.\n"
          + "- Statements are Execute and simple Query messages (BEGIN and COMMIT included),"
          + " round trips are bursts of writes after a read, both counted on each library's"
          + " sockets, background work during the workload included; single runs and fan-outs"
          + " counted until their outcome is stored.\n"
          + "- Recovery: worker processes named '" + settings.workerId() + "', both times, with"
          + " Braid's lease " + (lease == null ? "at its default" : "at " + lease.toSeconds()
              + " s") + "; the time includes starting the new JVM.\n"
          + (settings.smoke() ? "- Smoke mode: these numbers only show that everything runs.\n"
              : "");
    }

    private static String untilText(Workloads.Until until) {
      return switch (until) {
        case STORED -> ", until its outcome is stored";
        case READ -> ", until the submitter reads its result";
      };
    }

    private static String rates(Figures figures) {
      return String.join(", ", figures.drains.stream()
          .map(drain -> number(drain.runsPerSecond())).toList());
    }

    private static double bestRate(Figures figures) {
      return figures.drains.stream().mapToDouble(Workloads.Drain::runsPerSecond).max()
          .orElseThrow();
    }

    private static WireCountingSocketFactory.Wire drainWire(Figures figures) {
      return figures.drains.stream().map(Workloads.Drain::wire)
          .reduce(new WireCountingSocketFactory.Wire(0, 0), WireCountingSocketFactory.Wire::plus);
    }

    private static long drainSteps(Figures figures, int chainSteps) {
      return figures.drains.stream().mapToLong(drain -> (long) drain.runs() * chainSteps).sum();
    }

    private static void latencyRow(MarkdownTable table, String workload,
        List<Workloads.Latencies> braid, List<Workloads.Latencies> dbos) {
      double braidMedian = pooled(braid).median();
      double dbosMedian = pooled(dbos).median();
      table.row(workload, "ms, median of " + pooled(braid).millis().length,
          String.format(Locale.ROOT, "%.1f", braidMedian),
          String.format(Locale.ROOT, "%.1f", dbosMedian), ratio(braidMedian / dbosMedian),
          "≤ DBOS", verdict(braidMedian <= dbosMedian));
    }

    private static void wireRow(MarkdownTable table, String workload,
        List<Workloads.Latencies> braid, List<Workloads.Latencies> dbos, int stepsPerRun) {
      Workloads.Latencies braidAll = pooled(braid);
      Workloads.Latencies dbosAll = pooled(dbos);
      long braidSteps = (long) braidAll.millis().length * stepsPerRun;
      long dbosSteps = (long) dbosAll.millis().length * stepsPerRun;
      table.row(workload, perStep(braidAll.wire(), braidSteps),
          perStep(braidAll.wire().roundTrips(), braidSteps), perStep(dbosAll.wire(), dbosSteps),
          perStep(dbosAll.wire().roundTrips(), dbosSteps));
    }

    private static Workloads.Latencies pooled(List<Workloads.Latencies> rounds) {
      double[] all = rounds.stream().flatMapToDouble(round -> java.util.Arrays.stream(
          round.millis())).toArray();
      return new Workloads.Latencies(all, rounds.stream().map(Workloads.Latencies::wire)
          .reduce(new WireCountingSocketFactory.Wire(0, 0), WireCountingSocketFactory.Wire::plus));
    }

    private static double seconds(Figures figures) {
      Recovery.Result result = figures.recovery;
      return result == null ? Double.NaN : result.took().toNanos() / 1e9;
    }

    private static String perStep(WireCountingSocketFactory.Wire wire, long steps) {
      return perStep(wire.statements(), steps);
    }

    private static String perStep(long count, long steps) {
      return String.format(Locale.ROOT, "%.2f", count / (double) steps);
    }

    private static String number(double value) {
      return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String ratio(double value) {
      return String.format(Locale.ROOT, "%.2f×", value);
    }

    private static String verdict(boolean met) {
      return met ? "yes" : "no";
    }
  }
}
