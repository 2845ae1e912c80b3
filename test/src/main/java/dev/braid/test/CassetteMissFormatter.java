package dev.braid.test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Explains a request a cassette has no recording for: which model and file, and a line diff of
 * the request against the nearest recorded request of that model (the one with the fewest lines
 * to change), so that the test's author sees at once what changed.
 */
final class CassetteMissFormatter {
  private static final JsonMapper PRETTY = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private CassetteMissFormatter() {}

  static String format(Path file, String model, JsonNode request,
      List<Cassette.Interaction> recorded) {
    List<String> actual = lines(request);
    StringBuilder message = new StringBuilder("The cassette ").append(file)
        .append(" has no recording of this request to model '").append(model).append("'");
    List<String> nearest = null;
    int nearestDistance = Integer.MAX_VALUE;
    for (Cassette.Interaction interaction : recorded) {
      if (!interaction.model().equals(model)) {
        continue;
      }
      List<String> candidate = lines(interaction.request());
      int distance = actual.size() + candidate.size() - 2 * commonLines(candidate, actual);
      if (distance < nearestDistance) {
        nearest = candidate;
        nearestDistance = distance;
      }
    }
    if (nearest == null) {
      message.append(", nor of any request to that model:\n");
      actual.forEach(line -> message.append("+ ").append(line).append('\n'));
    } else {
      message.append("; against the nearest recorded request (- recorded, + this request):\n");
      diff(nearest, actual, message);
    }
    return message.append("Record the cassette again with -D").append(Cassette.MODE_PROPERTY)
        .append("=record if the request changed on purpose.").toString();
  }

  private static List<String> lines(JsonNode node) {
    return List.of(PRETTY.writeValueAsString(PRETTY.treeToValue(node, Object.class)).split("\n"));
  }

  private static int commonLines(List<String> a, List<String> b) {
    return table(a, b)[0][0];
  }

  /** Longest-common-subsequence lengths of every pair of suffixes. */
  private static int[][] table(List<String> a, List<String> b) {
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j))
            ? lcs[i + 1][j + 1] + 1
            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    return lcs;
  }

  private static void diff(List<String> recorded, List<String> actual, StringBuilder out) {
    int[][] lcs = table(recorded, actual);
    int i = 0;
    int j = 0;
    List<String> lines = new ArrayList<>();
    while (i < recorded.size() || j < actual.size()) {
      if (i < recorded.size() && j < actual.size() && recorded.get(i).equals(actual.get(j))) {
        lines.add("  " + recorded.get(i++));
        j++;
      } else if (i < recorded.size() && (j == actual.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        lines.add("- " + recorded.get(i++));
      } else {
        lines.add("+ " + actual.get(j++));
      }
    }
    lines.forEach(line -> out.append(line).append('\n'));
  }
}
