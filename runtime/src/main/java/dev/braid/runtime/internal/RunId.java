package dev.braid.runtime.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * A run's id: the caller's, or a random version-4 UUID made the first time something asks. The id
 * names a run in thread names, logs and events, so it must be unique but need not be unguessable:
 * it comes from {@link ThreadLocalRandom}, not from the one {@code SecureRandom} behind {@link
 * UUID#randomUUID()} that every run of the JVM would contend for. Thread-safe.
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
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long version4 = random.nextLong() & ~0xF000L | 0x4000L;
        long ietfVariant = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        id = new UUID(version4, ietfVariant).toString();
      }
      return id;
    }
  }
}
