package dev.braid.benchmarks.versus;

import dev.dbos.transact.DBOS;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The comparison's Markdown tables and their notes: figures per library, ratios of Braid's to
 * DBOS's, and the verdict on each of the project's targets.
 */
record VersusReport(VersusSettings settings, Map<Library, VersusFigures> figures, Instant started,
    Instant ended) {
  private static final String DRAIN = "queued chain-10 runs, 8 at a time";
  private static final String SINGLE = "single chain-10 run";
  private static final String FAN_OUT = "fan-out 1 → 8 × 20 ms → 1";

  @Override
  public String toString() {
    VersusFigures braid = figures.get(Library.BRAID);
    VersusFigures dbos = figures.get(Library.DBOS);
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
    String recovery = String.format(Locale.ROOT,
        "kill -9 a worker mid-drain of %d chain-10 runs (%d ms steps), restart it at once",
        settings.recoveryRuns(), settings.recoveryStepWork().toMillis());
    recoveryRow(results, recovery, "s from kill until all done", braid, dbos,
        Recovery.Result::took);
    recoveryRow(results, recovery, "s from kill until its runs in flight are done", braid, dbos,
        Recovery.Result::inFlightDone);

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
            + " s") + "; the time includes starting the new JVM, which was ready "
        + restarted(figures.get(Library.BRAID)) + " after the kill for Braid and "
        + restarted(figures.get(Library.DBOS)) + " for DBOS; "
        + killedAfter(figures.get(Library.BRAID)) + " and "
        + killedAfter(figures.get(Library.DBOS)) + " runs had succeeded at the kill, and "
        + inFlight(figures.get(Library.BRAID)) + " and " + inFlight(figures.get(Library.DBOS))
        + " were in flight.\n"
        + (settings.smoke() ? "- Smoke mode: these numbers only show that everything runs.\n"
            : "");
  }

  private static String untilText(Workloads.Until until) {
    return switch (until) {
      case STORED -> ", until its outcome is stored";
      case READ -> ", until the submitter reads its result";
    };
  }

  private static String rates(VersusFigures figures) {
    return String.join(", ", figures.drains.stream()
        .map(drain -> number(drain.runsPerSecond())).toList());
  }

  private static double bestRate(VersusFigures figures) {
    return figures.drains.stream().mapToDouble(Workloads.Drain::runsPerSecond).max()
        .orElseThrow();
  }

  private static WireCountingSocketFactory.Wire drainWire(VersusFigures figures) {
    return figures.drains.stream().map(Workloads.Drain::wire)
        .reduce(new WireCountingSocketFactory.Wire(0, 0), WireCountingSocketFactory.Wire::plus);
  }

  private static long drainSteps(VersusFigures figures, int chainSteps) {
    return figures.drains.stream().mapToLong(drain -> (long) drain.runs() * chainSteps).sum();
  }

  private void latencyRow(MarkdownTable table, String workload,
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

  private static String restarted(VersusFigures figures) {
    Recovery.Result result = figures.recovery;
    return result == null ? "—"
        : String.format(Locale.ROOT, "%.2f s", result.restarted().toNanos() / 1e9);
  }

  private static String inFlight(VersusFigures figures) {
    Recovery.Result result = figures.recovery;
    return result == null ? "—" : Integer.toString(result.inFlightAtKill());
  }

  private static String killedAfter(VersusFigures figures) {
    Recovery.Result result = figures.recovery;
    return result == null ? "—" : Long.toString(result.succeededAtKill());
  }

  private void recoveryRow(MarkdownTable table, String workload, String metric,
      VersusFigures braid, VersusFigures dbos, Function<Recovery.Result, Duration> time) {
    double braidSeconds = seconds(braid, time);
    double dbosSeconds = seconds(dbos, time);
    table.row(workload, metric, String.format(Locale.ROOT, "%.2f", braidSeconds),
        String.format(Locale.ROOT, "%.2f", dbosSeconds), ratio(braidSeconds / dbosSeconds),
        "≤ DBOS", verdict(braidSeconds <= dbosSeconds));
  }

  private static double seconds(VersusFigures figures, Function<Recovery.Result, Duration> time) {
    Recovery.Result result = figures.recovery;
    return result == null ? Double.NaN : time.apply(result).toNanos() / 1e9;
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

  /** Whether a target was met; a smoke run's figures judge nothing. */
  private String verdict(boolean met) {
    return settings.smoke() ? "—" : met ? "yes" : "no";
  }
}
