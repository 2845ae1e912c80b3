package dev.braid.benchmarks.versus;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How much the comparison measures, from its arguments: {@code --full} (the default) or {@code
 * --smoke}, {@code --worker-id=NAME} for the identity of the recovery workload's worker processes,
 * and {@code --lease=SECONDS} for the lease of Braid's worker there. The smoke mode runs every
 * workload a few times, with a 3 s lease, so that CI sees it run in seconds; its figures mean
 * nothing.
 *
 * @param rounds how often each contender runs the in-process workloads, in alternating order
 * @param warmUpRuns runs of each workload before a round's measurement
 * @param drainRuns chains queued at once in the throughput workload
 * @param samples single runs and fan-outs timed one after another per round
 * @param recoveryRuns chains queued in the recovery workload
 * @param killAfter succeeded runs after which the worker is killed
 * @param recoveryStepWork how long each step of a recovery chain waits
 * @param workerId the identity of both worker processes of the recovery workload
 * @param braidLease the lease of Braid's recovery workers; null for {@code WorkerConfig}'s default
 */
record VersusSettings(boolean smoke, int rounds, int warmUpRuns, int drainRuns, int samples,
    int recoveryRuns, int killAfter, Duration recoveryStepWork, String workerId,
    @Nullable Duration braidLease) {

  static VersusSettings parse(String[] args) {
    boolean smoke = false;
    String workerId = "versus-worker";
    @Nullable Duration lease = null;
    boolean leaseGiven = false;
    // Maven passes its extra arguments as one, possibly empty.
    for (String arg : String.join(" ", args).trim().split("\\s+")) {
      if (arg.isEmpty()) {
        continue;
      }
      if (arg.equals("--full")) {
        smoke = false;
      } else if (arg.equals("--smoke")) {
        smoke = true;
      } else if (arg.startsWith("--worker-id=")) {
        workerId = arg.substring("--worker-id=".length());
      } else if (arg.startsWith("--lease=")) {
        lease = Duration.ofSeconds(Long.parseLong(arg.substring("--lease=".length())));
        leaseGiven = true;
      } else {
        throw new IllegalArgumentException("Unknown argument '" + arg + "'; pass --full (the"
            + " default) or --smoke, and optionally --worker-id=NAME and --lease=SECONDS");
      }
    }
    if (workerId.isBlank()) {
      throw new IllegalArgumentException("--worker-id must name the worker, was blank");
    }
    Duration recoveryStepWork = Duration.ofMillis(5);
    return smoke
        ? new VersusSettings(true, 1, 5, 20, 2, 16, 4, recoveryStepWork, workerId,
            leaseGiven ? lease : Duration.ofSeconds(3))
        : new VersusSettings(false, 3, 100, 500, 30, 200, 50, recoveryStepWork, workerId, lease);
  }
}
