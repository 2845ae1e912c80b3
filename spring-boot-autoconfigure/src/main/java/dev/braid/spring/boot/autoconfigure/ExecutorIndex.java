package dev.braid.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The executors on the class path, read from the entries Braid's processor writes next to them,
 * one file per executor under {@code META-INF/braid/executors/}; no class is scanned. An executor
 * found twice, as when a jar is on the class path twice, is listed once.
 */
final class ExecutorIndex {
  static final String LOCATION = "classpath*:META-INF/braid/executors/*";

  private final Map<String, IndexEntry> entries;

  private ExecutorIndex(Map<String, IndexEntry> entries) {
    this.entries = entries;
  }

  /**
   * Reads every entry {@code resolver} finds.
   *
   * @throws IllegalStateException naming an entry that cannot be read or lacks a key
   */
  static ExecutorIndex load(ResourcePatternResolver resolver) {
    Map<String, IndexEntry> entries = new LinkedHashMap<>();
    try {
      for (Resource resource : resolver.getResources(LOCATION)) {
        if (resource.isReadable()) {
          IndexEntry entry = read(resource);
          entries.putIfAbsent(entry.executor(), entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list Braid's executors at " + LOCATION, e);
    }
    return new ExecutorIndex(entries);
  }

  static ExecutorIndex of(Collection<IndexEntry> entries) {
    Map<String, IndexEntry> byExecutor = new LinkedHashMap<>();
    entries.forEach(entry -> byExecutor.putIfAbsent(entry.executor(), entry));
    return new ExecutorIndex(byExecutor);
  }

  /** Every executor, pipelines and routers, in the order they were found. */
  Collection<IndexEntry> entries() {
    return entries.values();
  }

  private static IndexEntry read(Resource resource) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = resource.getInputStream()) {
      properties.load(in);
    }
    String source = resource.getDescription();
    String steps = required(properties, "steps", source);
    return new IndexEntry(
        required(properties, "executor", source),
        required(properties, "type", source),
        "router".equals(required(properties, "kind", source)),
        required(properties, "name", source),
        steps.isEmpty() ? List.of() : Arrays.asList(steps.split(",")),
        Boolean.parseBoolean(properties.getProperty("durable", "false")),
        source);
  }

  private static String required(Properties properties, String key, String source) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IllegalStateException("Braid's executor entry " + source + " has no '" + key
          + "'; it was written by another version of Braid's processor: rebuild the module that"
          + " holds it with the processor of the runtime on the class path");
    }
    return value;
  }
}
