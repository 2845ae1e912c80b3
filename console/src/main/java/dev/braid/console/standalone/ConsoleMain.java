package dev.braid.console.standalone;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.braid.console.BraidConsole;
import dev.braid.durable.DurableDatabase;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.RunSchedules;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the console on its own, over the database the workers share. It knows no pipeline's code,
 * so it shows runs, steps and errors, and cancels; answering a question takes a console mounted in
 * the application, which knows the pipeline's input types.
 */
public final class ConsoleMain {
  private ConsoleMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    StandaloneOptions options;
    try {
      options = StandaloneOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(StandaloneOptions.USAGE);
      System.exit(2);
      return;
    }
    HikariDataSource database = open(options);
    BraidConsole console = BraidConsole.builder(DurableRuns.create(database))
        .schedules(RunSchedules.create(database))
        .actions(options.actions())
        .token(options.token())
        .redact(options.redact().toArray(String[]::new))
        .build();
    ConsoleServer server = ConsoleServer.start(console, options.host(), options.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      database.close();
      stopped.countDown();
    }));
    System.out.println("Braid console on http://" + options.host() + ":"
        + server.address().getPort() + "/ (" + (options.actions() ? "actions need the token"
        : "read-only") + "). Ctrl-C stops it.");
    stopped.await();
  }

  private static HikariDataSource open(StandaloneOptions options) {
    if (options.jdbcUrl().startsWith("jdbc:postgresql:")) {
      return DurableDatabase.postgres(options.jdbcUrl(), options.user(), options.password());
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("braid-console-h2");
    config.setJdbcUrl(options.jdbcUrl());
    config.setUsername(options.user());
    config.setPassword(options.password());
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }
}
