package dev.braid.benchmarks.versus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RecoveryWorker} in a JVM of its own, on this JVM's class path. Its output is kept for
 * error messages; {@link #kill()} sends SIGKILL, {@link #close()} asks it to stop and waits.
 */
final class WorkerProcess implements AutoCloseable {
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final Process process;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final StringBuffer log = new StringBuffer();
  private final Thread reader;

  private WorkerProcess(Process process) {
    this.process = process;
    this.reader = Thread.ofVirtual().start(this::readOutput);
  }

  static WorkerProcess start(String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-preview", "--sun-misc-unsafe-memory-access=allow",
        "-cp", System.getProperty("java.class.path"), RecoveryWorker.class.getName()));
    command.addAll(List.of(arguments));
    return new WorkerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  private void readOutput() {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        log.append(line).append('\n');
        if (line.equals(RecoveryWorker.READY)) {
          ready.countDown();
        }
      }
    } catch (IOException e) {
      log.append("(output no longer readable: ").append(e).append(")\n");
    }
  }

  /** Waits until the worker runs. */
  void awaitReady(Duration timeout) throws InterruptedException {
    if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("The worker process did not start within " + timeout
          + (process.isAlive() ? "" : "; it exited with " + process.exitValue()) + "; its output:\n"
          + log);
    }
  }

  /** SIGKILLs the process and waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  String log() {
    return log.toString();
  }

  /**
   * Closes its input, which stops it cleanly, and kills it if it has not ended in 30 s; if this
   * thread is interrupted meanwhile, kills it at once and keeps the interrupt.
   */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Already gone.
    }
    try {
      if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
      reader.join();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
