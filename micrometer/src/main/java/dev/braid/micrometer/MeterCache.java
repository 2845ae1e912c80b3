package dev.braid.micrometer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Meters created on first use and kept by key, so that recording an event costs a map lookup
 * rather than a registry lookup, which builds a meter id each time. Thread-safe.
 *
 * @param <K> a small record of the meter's tag values
 * @param <M> the meter, or a group of meters registered together
 */
final class MeterCache<K, M> {
  private final ConcurrentHashMap<K, M> meters = new ConcurrentHashMap<>();
  private final Function<K, M> create;

  MeterCache(Function<K, M> create) {
    this.create = create;
  }

  /** The meter for {@code key}, registering it on the first call. */
  M get(K key) {
    M meter = meters.get(key);
    // computeIfAbsent may lock the key's bin even when the key is present; a plain get never does.
    return meter != null ? meter : meters.computeIfAbsent(key, create);
  }
}
