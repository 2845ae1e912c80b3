package dev.braid.micronaut;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists the executor entries on the class path, in directories and jars, as Micronaut lists its
 * own bean references: one resource per executor, so that no class is scanned.
 */
final class ExecutorEntries {
  private ExecutorEntries() {}

  static List<ExecutorEntry> list(ClassLoader loader) {
    List<ExecutorEntry> entries = new ArrayList<>();
    try {
      Enumeration<URL> roots = loader.getResources(ExecutorEntry.DIRECTORY);
      while (roots.hasMoreElements()) {
        URL root = roots.nextElement();
        switch (root.getProtocol()) {
          case "file" -> fromDirectory(root, entries);
          case "jar" -> fromJar(root, entries);
          default -> { }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list Braid's executors", e);
    }
    return entries;
  }

  private static void fromDirectory(URL root, List<ExecutorEntry> entries) throws IOException {
    Path directory;
    try {
      directory = Path.of(root.toURI());
    } catch (URISyntaxException e) {
      throw new IOException("Cannot read " + root, e);
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          entries.add(ExecutorEntry.read(in));
        }
      }
    }
  }

  private static void fromJar(URL root, List<ExecutorEntry> entries) throws IOException {
    JarURLConnection connection = (JarURLConnection) root.openConnection();
    connection.setUseCaches(false);
    try (JarFile jar = connection.getJarFile()) {
      for (JarEntry entry : jar.stream().toList()) {
        String name = entry.getName();
        if (!entry.isDirectory() && name.startsWith(ExecutorEntry.DIRECTORY)
            && name.length() > ExecutorEntry.DIRECTORY.length()) {
          try (InputStream in = jar.getInputStream(entry)) {
            entries.add(ExecutorEntry.read(in));
          }
        }
      }
    }
  }
}
