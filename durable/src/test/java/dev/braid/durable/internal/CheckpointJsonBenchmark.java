package dev.braid.durable.internal;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.type.TypeReference;

/**
 * Measures what reading a checkpoint back costs: for a few typical step outputs, the time to write
 * one as JSON, to write it and read it back (what every checkpoint cost before), and {@link
 * Json#writeCheckpoint}, which reads back only the first value of each class. Each is timed in
 * turn, over rounds, after warm-up, in the same run; the table shows the best round of each, in
 * microseconds per checkpoint. A checkpoint's database write costs about 13 µs on H2 and 65-90 µs
 * on PostgreSQL (the durable table of the benchmarks), for scale.
 */
final class CheckpointJsonBenchmark {
  private static final int ROUNDS = 15;
  private static final int PER_ROUND = 20_000;

  record Article(String title, String url, double score, List<String> tags) {}

  record Entities(String customer, String order, List<String> products, int urgency) {}

  private CheckpointJsonBenchmark() {}

  public static void main(String[] args) {
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      articles.add(new Article("Article " + i, "https://example.com/kb/" + i, i / 20.0,
          List.of("refund", "shipping")));
    }
    StringBuilder table = new StringBuilder("| output | write | write + read back |"
        + " writeCheckpoint | read back ÷ write |\n| --- | ---: | ---: | ---: | ---: |\n");
    table.append(row("a short String", "class of the refund request", String.class));
    table.append(row("a record of 4 fields", new Entities("Sam", "A-582004",
        List.of("camera", "strap"), 3), Entities.class));
    table.append(row("a list of 20 records", articles,
        new TypeReference<List<Article>>() {}.getType()));
    System.out.print(table);
  }

  private static String row(String name, Object value, Type type) {
    double write = Double.MAX_VALUE;
    double both = Double.MAX_VALUE;
    double checkpoint = Double.MAX_VALUE;
    long sink = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < PER_ROUND; i++) {
        sink += Json.write(value, type).length();
      }
      write = Math.min(write, micros(start));
      start = System.nanoTime();
      for (int i = 0; i < PER_ROUND; i++) {
        String json = Json.write(value, type);
        sink += json.length() + (Json.read(json, type) == null ? 0 : 1);
      }
      both = Math.min(both, micros(start));
      start = System.nanoTime();
      for (int i = 0; i < PER_ROUND; i++) {
        sink += Json.writeCheckpoint(value, type).length();
      }
      checkpoint = Math.min(checkpoint, micros(start));
    }
    if (sink == 42) {
      System.out.println("unlikely");
    }
    return String.format(Locale.ROOT, "| %s | %.2f µs | %.2f µs | %.2f µs | %.2f |%n", name,
        write, both, checkpoint, (both - write) / write);
  }

  private static double micros(long start) {
    return (System.nanoTime() - start) / 1e3 / PER_ROUND;
  }
}
