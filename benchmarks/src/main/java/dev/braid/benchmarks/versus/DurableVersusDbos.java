package dev.braid.benchmarks.versus;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs braid-durable and DBOS Transact for Java side by side on one embedded PostgreSQL server
 * with {@code fsync} and {@code synchronous_commit} on, and prints a Markdown table of their
 * figures and ratios on standard output, progress on standard error: queued chains drained 8 at a
 * time, a single run, a fan-out, and recovery after {@code kill -9}. Each library gets a database
 * of its own, and every round of in-process workloads a fresh one. A round drains queued runs with
 * one library at a time, the two taking turns to go first, then times single runs and fan-outs of
 * both in turns, run by run. Exits with status 1 if a workload fails; a missed target is reported,
 * not a failure. {@link VersusSettings} lists the arguments.
 */
public final class DurableVersusDbos {
  private static final long START_NANOS = System.nanoTime();

  private DurableVersusDbos() {}

  public static void main(String[] args) throws Exception {
    VersusSettings settings = VersusSettings.parse(args);
    Instant started = Instant.now();
    Map<Library, VersusFigures> figures = new EnumMap<>(Library.class);
    for (Library library : Library.values()) {
      figures.put(library, new VersusFigures());
    }
    try (DurablePostgres postgres = DurablePostgres.start(!settings.smoke())) {
      WireCountCheck.run(postgres);
      Workloads workloads = new Workloads(postgres);
      for (int round = 0; round < settings.rounds(); round++) {
        List<Library> order = round % 2 == 0
            ? List.of(Library.values()) : List.of(Library.values()).reversed();
        for (Library library : order) {
          drain(postgres, workloads, settings, library, round, figures.get(library));
        }
        latencies(postgres, workloads, settings, order, round, figures);
      }
      Recovery recovery = new Recovery(postgres, settings.workerId(), settings.braidLease());
      for (Library library : Library.values()) {
        progress("%s: kill -9 a worker process mid-drain and restart it", library.displayName);
        Recovery.Result result = recovery.measure(library, "recovery_" + library.tag,
            settings.recoveryRuns(), settings.killAfter(), settings.recoveryStepWork());
        figures.get(library).recovery = result;
        progress("  %.2f s from the kill until all were done, %.2f s until the %d in flight"
                + " were, %.2f s until the new process was ready (killed after %d of %d runs)",
            result.took().toNanos() / 1e9, result.inFlightDone().toNanos() / 1e9,
            result.inFlightAtKill(), result.restarted().toNanos() / 1e9,
            result.succeededAtKill(), result.runs());
      }
    }
    progress("Done");
    System.out.print(new VersusReport(settings, figures, started, Instant.now()));
  }

  /** Warms {@code library} up on a drain, then measures one; nothing else runs meanwhile. */
  private static void drain(DurablePostgres postgres, Workloads workloads,
      VersusSettings settings, Library library, int round, VersusFigures figures)
      throws Exception {
    progress("Round %d, %s: %,d queued chains", round + 1, library.displayName,
        settings.drainRuns());
    String database = library.tag + "_drain_" + round;
    postgres.createDatabase(database);
    try (Contender contender = library.start(postgres, database, Shapes.COMPARISON)) {
      workloads.drain(contender, settings.warmUpRuns());
      postgres.checkpoint();
      Workloads.Drain drain = workloads.drain(contender, settings.drainRuns());
      figures.drains.add(drain);
      progress("  %.1f workflows/s", drain.runsPerSecond());
    }
    postgres.checkpoint();
  }

  /** Starts both libraries, warms them up, and times their single runs and fan-outs in turns. */
  private static void latencies(DurablePostgres postgres, Workloads workloads,
      VersusSettings settings, List<Library> order, int round,
      Map<Library, VersusFigures> figures) throws Exception {
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
        VersusFigures measured = figures.get(library);
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

  private static void progress(String format, Object... values) {
    System.err.printf(Locale.ROOT, "[%5.1f s] %s%n", (System.nanoTime() - START_NANOS) / 1e9,
        String.format(Locale.ROOT, format, values));
  }
}
