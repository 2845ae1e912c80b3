package dev.braid.samples.ticket;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;

/** The CRM lookup, here a deterministic in-memory stand-in with a network-like delay. */
@Singleton
public class CustomerDirectory {
  private static final Duration LATENCY = Duration.ofMillis(150);

  /** Finds the customer who owns {@code email}; unknown addresses get a guest record. */
  public Customer find(String email) throws InterruptedException {
    Thread.sleep(LATENCY);
    String local = email.substring(0, Math.max(0, email.indexOf('@')));
    String name = local.isEmpty()
        ? "Guest"
        : Character.toUpperCase(local.charAt(0)) + local.substring(1).toLowerCase(Locale.ROOT);
    String tier = local.length() % 2 == 0 ? "gold" : "standard";
    return new Customer("C-" + Math.abs(email.hashCode() % 100_000), name, tier);
  }
}
