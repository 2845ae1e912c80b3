package dev.braid.durable.process;

/**
 * Lines that a process started by a test prints for the test to read: each is written whole and
 * flushed before {@link #print} returns, so once the caller goes on, the line is in the pipe and
 * reaches the test even if this process is killed a moment later.
 */
final class OutputLines {
  private OutputLines() {}

  static void print(String line) {
    synchronized (System.out) {
      System.out.println(line);
      System.out.flush();
    }
  }
}
