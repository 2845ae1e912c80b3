package dev.braid.console.standalone;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The command line of the standalone console, read and checked before anything is opened.
 *
 * @param jdbcUrl the database the workers share: {@code jdbc:postgresql://…} or {@code jdbc:h2:…}
 * @param user its user, for PostgreSQL
 * @param password its password, for PostgreSQL
 * @param host the address to listen on; {@code 127.0.0.1} unless asked otherwise
 * @param port the port to listen on; 0 picks a free one
 * @param actions whether answering and cancelling are allowed
 * @param token what a caller must send to act; from {@code BRAID_CONSOLE_TOKEN}, so that it does
 *     not show in the process list
 * @param redact field names whose values are hidden
 */
record StandaloneOptions(String jdbcUrl, String user, String password, String host, int port,
    boolean actions, @Nullable String token, List<String> redact) {

  static final String USAGE = """
      Usage: java -jar braid-console-standalone.jar --jdbc-url URL [options]
        --jdbc-url URL     the database the workers share (jdbc:postgresql://… or jdbc:h2:…)
        --user NAME        its user (default: braid for PostgreSQL, sa for H2)
        --password SECRET  its password; BRAID_CONSOLE_DB_PASSWORD is read when absent
        --host ADDRESS     the address to listen on (default: 127.0.0.1)
        --port N           the port to listen on (default: 8090)
        --actions          allow answering and cancelling runs; they need the token in
                           BRAID_CONSOLE_TOKEN (at least 16 characters)
        --redact A,B       hide the values of these fields wherever they appear
      """;

  /**
   * Reads {@code args}, taking secrets from {@code environment} when they are not given.
   *
   * @throws IllegalArgumentException naming the option, the value and the fix
   */
  static StandaloneOptions parse(String[] args, Map<String, String> environment) {
    String jdbcUrl = null;
    String user = null;
    String password = environment.getOrDefault("BRAID_CONSOLE_DB_PASSWORD", "");
    String host = "127.0.0.1";
    int port = 8090;
    boolean actions = false;
    List<String> redact = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--actions" -> actions = true;
        case "--jdbc-url", "--user", "--password", "--host", "--port", "--redact" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("Option " + option + " needs a value.");
          }
          String value = args[++i];
          switch (option) {
            case "--jdbc-url" -> jdbcUrl = value;
            case "--user" -> user = value;
            case "--password" -> password = value;
            case "--host" -> host = value;
            case "--port" -> port = port(value);
            default -> redact.addAll(Arrays.stream(value.split(",")).map(String::strip)
                .filter(name -> !name.isEmpty()).toList());
          }
        }
        default -> throw new IllegalArgumentException("Unknown option '" + option + "'.");
      }
    }
    if (jdbcUrl == null) {
      throw new IllegalArgumentException("--jdbc-url is required: the database the workers"
          + " share, e.g. --jdbc-url jdbc:postgresql://db:5432/braid.");
    }
    if (!jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException("--jdbc-url '" + jdbcUrl + "' is neither PostgreSQL"
          + " (jdbc:postgresql:…) nor H2 (jdbc:h2:…), the databases durable runs are stored in.");
    }
    String token = environment.get("BRAID_CONSOLE_TOKEN");
    if (actions && (token == null || token.isBlank())) {
      throw new IllegalArgumentException("--actions needs a token in the environment variable"
          + " BRAID_CONSOLE_TOKEN, which the console's pages send with every action; generate"
          + " one, e.g. with `openssl rand -hex 16`.");
    }
    if (user == null) {
      user = jdbcUrl.startsWith("jdbc:h2:") ? "sa" : "braid";
    }
    return new StandaloneOptions(jdbcUrl, user, password, host, port, actions, token,
        List.copyOf(redact));
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--port must be a number from 0 to 65535, was '" + value
        + "'.");
  }
}
