package dev.braid.micronaut;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * What Braid's processor wrote about one executor, in the resource {@code
 * META-INF/braid/executors/<executor class>} next to it.
 *
 * @param executor the executor's binary class name
 * @param name the name of its pipeline or router, as {@code braid.pipelines.<name>} writes it
 * @param steps the names of its steps
 */
record ExecutorEntry(String executor, String name, List<String> steps) {
  static final String DIRECTORY = "META-INF/braid/executors/";

  ExecutorEntry {
    steps = List.copyOf(steps);
  }

  /** The entry of {@code type}, or null if it is not a generated executor. */
  static @Nullable ExecutorEntry of(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    URL resource = loader == null ? null : loader.getResource(DIRECTORY + type.getName());
    if (resource == null) {
      return null;
    }
    try (InputStream in = resource.openStream()) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Braid's executor entry " + resource, e);
    }
  }

  static ExecutorEntry read(InputStream in) throws IOException {
    Properties properties = new Properties();
    properties.load(in);
    String steps = properties.getProperty("steps", "");
    return new ExecutorEntry(properties.getProperty("executor", ""),
        properties.getProperty("name", ""),
        steps.isEmpty() ? List.of() : Arrays.asList(steps.split(",")));
  }
}
