package dev.braid.runtime.internal;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A run's id: the caller's, or a random one made the first time something asks, so that runs
 * nobody asks about do not pay for a random UUID. Thread-safe.
 */
final class RunId {
  private volatile @Nullable String id;

  RunId(@Nullable String given) {
    this.id = given;
  }

  String get() {
    String known = id;
    if (known != null) {
      return known;
    }
    synchronized (this) {
      if (id == null) {
        id = UUID.randomUUID().toString();
      }
      return id;
    }
  }
}
