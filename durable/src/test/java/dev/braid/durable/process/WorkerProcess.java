package dev.braid.durable.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A worker running {@link WorkerMain}, or another main class of these tests, in a JVM of its own,
 * started with the {@code java} launcher and the classpath of the current JVM. Its standard error,
 * where it logs, goes to a file that failure messages quote. Closing it kills the process if it
 * still runs.
 */
final class WorkerProcess implements AutoCloseable {
  /** The exit status of a process ended by {@code SIGKILL}: 128 plus the signal's number, 9. */
  static final int KILLED_BY_SIGKILL = 128 + 9;

  private static final String END = "\u0000end";

  private final String name;
  private final Process process;
  private final Path log;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Consumer<String> onLine;
  private final CountDownLatch outputEnded = new CountDownLatch(1);

  private WorkerProcess(String name, Process process, Path log, Consumer<String> onLine) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.onLine = onLine;
  }

  /**
   * Starts worker {@code name} on database {@code url}, with further {@link WorkerMain} arguments
   * such as {@code "slots=4"}, logging to a file in {@code logs}.
   */
  static WorkerProcess start(String name, String url, Path logs, String... options)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("worker=" + name, "url=" + url));
    args.addAll(List.of(options));
    return start(WorkerMain.class, name, logs, line -> {}, args.toArray(String[]::new));
  }

  /**
   * Starts {@code main} with {@code args}, logging to {@code <name>.log} in {@code logs}; {@code
   * onLine} sees each line it prints, in order, on the thread that reads them.
   */
  static WorkerProcess start(Class<?> main, String name, Path logs, Consumer<String> onLine,
      String... args) throws IOException {
    String java = ProcessHandle.current().info().command()
        .orElseThrow(() -> new IllegalStateException("The java launcher of this JVM is unknown"));
    List<String> command = new ArrayList<>(List.of(java));
    // The same scope as this JVM's: with the flag and -Dbraid.scope=structured, the runtime forks
    // steps on StructuredTaskScope.
    if (ManagementFactory.getRuntimeMXBean().getInputArguments().contains("--enable-preview")) {
      command.add("--enable-preview");
    }
    String scope = System.getProperty("braid.scope");
    if (scope != null) {
      command.add("-Dbraid.scope=" + scope);
    }
    command.addAll(List.of("-XX:+UseSerialGC", "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    Path log = logs.resolve(name + ".log");
    Process process = new ProcessBuilder(command)
        .redirectError(log.toFile())
        .start();
    WorkerProcess worker = new WorkerProcess(name, process, log, onLine);
    Thread.ofVirtual().name("output of " + name).start(worker::readOutput);
    return worker;
  }

  private void readOutput() {
    try (BufferedReader output = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        onLine.accept(line);
        lines.add(line);
      }
    } catch (IOException e) {
      // The process died; the end marker below tells whoever waits.
    }
    lines.add(END);
    outputEnded.countDown();
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  /** Waits until the process prints {@code expected}, failing with its log if it does not. */
  void awaitLine(String expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(END)) {
        throw new AssertionError("Worker process " + name + " did not print " + expected
            + (line == null ? " within " + timeout : " before its output ended") + "; its log:\n"
            + log());
      }
      if (line.equals(expected)) {
        return;
      }
    }
  }

  /** Tells a {@code READY} process to start its worker. */
  void go() throws IOException {
    OutputStream input = process.getOutputStream();
    input.write("GO\n".getBytes(StandardCharsets.UTF_8));
    input.flush();
  }

  /**
   * Kills the process with {@code SIGKILL}, which it cannot catch, and returns its exit status
   * once it is dead and every line it printed has been read.
   */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(60, TimeUnit.SECONDS)
        || !outputEnded.await(60, TimeUnit.SECONDS)) {
      throw new AssertionError("Worker process " + name + " outlived SIGKILL");
    }
    return process.exitValue();
  }

  /**
   * Ends the worker's input, so that it closes its worker and exits, and returns its exit status.
   */
  int stop(Duration timeout) throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        || !outputEnded.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("Worker process " + name + " did not stop within " + timeout
          + "; its log:\n" + log());
    }
    return process.exitValue();
  }

  /** The last lines of what the process logged. */
  String log() {
    try {
      List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines()
          .toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - 60), all.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(60, TimeUnit.SECONDS);
    }
  }
}
