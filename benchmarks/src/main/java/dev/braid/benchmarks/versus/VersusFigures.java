package dev.braid.benchmarks.versus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One library's measurements over all rounds, filled in as they are taken; not thread-safe. */
final class VersusFigures {
  final List<Workloads.Drain> drains = new ArrayList<>();
  final Map<Workloads.Until, List<Workloads.Latencies>> singles = byUntil();
  final Map<Workloads.Until, List<Workloads.Latencies>> fanOuts = byUntil();
  Recovery.@Nullable Result recovery;

  private static Map<Workloads.Until, List<Workloads.Latencies>> byUntil() {
    Map<Workloads.Until, List<Workloads.Latencies>> lists = new EnumMap<>(Workloads.Until.class);
    for (Workloads.Until until : Workloads.Until.values()) {
      lists.put(until, new ArrayList<>());
    }
    return lists;
  }
}
