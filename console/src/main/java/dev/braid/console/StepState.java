package dev.braid.console;

import java.util.Locale;

/** Where one step of a run stands, as the graph colours it. */
enum StepState {
  /** Checkpointed: it succeeded, in this run or in the run it resumed. */
  SUCCEEDED,
  /** The step that stopped the run to ask a question. */
  WAITING,
  /** Named by the run's error as the step that failed. */
  FAILED,
  /** It was running when the run stopped (a failure elsewhere, an early stop, a cancel). */
  CANCELLED,
  /** Every step it depends on succeeded, and the run is running. */
  RUNNING,
  /** Not run (yet). */
  PENDING;

  /** The name the pages use, as a CSS class and a label. */
  String cssName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
