package dev.braid.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The steps' outputs in the order they were given, made into a map by step name the first time
 * one is read: most callers read only the output. A later output of the same step replaces an
 * earlier one. Thread-safe.
 */
final class StepOutputMap {
  static final StepOutputMap NONE = new StepOutputMap(new String[0], new Object[0]);

  private final String[] names;
  private final @Nullable Object[] values;
  private @Nullable Map<String, @Nullable Object> byName; // guarded by this

  StepOutputMap(String[] names, @Nullable Object[] values) {
    this.names = names;
    this.values = values;
  }

  synchronized Map<String, @Nullable Object> byName() {
    Map<String, @Nullable Object> map = byName;
    if (map == null) {
      Map<String, @Nullable Object> outputs = LinkedHashMap.newLinkedHashMap(names.length);
      for (int i = 0; i < names.length; i++) {
        outputs.put(names[i], values[i]);
      }
      map = Collections.unmodifiableMap(outputs);
      byName = map;
    }
    return map;
  }
}
