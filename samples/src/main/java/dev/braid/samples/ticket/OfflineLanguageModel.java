package dev.braid.samples.ticket;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in model that needs no network: the same prompt always gets the same answer, after a
 * latency and with token counts like those of a hosted model, so that runs look like real ones.
 * Thread-safe.
 */
@Singleton
public final class OfflineLanguageModel implements LanguageModel {
  private static final Pattern ORDER = Pattern.compile("(?:order|#)\\s*(?:number\\s*)?#?(\\d{5,})",
      Pattern.CASE_INSENSITIVE);
  private static final Map<String, Duration> LATENCY = Map.of(
      "extract", Duration.ofMillis(180),
      "classify", Duration.ofMillis(120),
      "draft", Duration.ofMillis(420));
  private static final String[] PRODUCTS = {"router", "camera", "thermostat", "speaker"};

  private final double latencyScale;

  /** A model with realistic latencies. */
  public OfflineLanguageModel() {
    this(1.0);
  }

  /** A model whose latencies are scaled by {@code latencyScale}; {@code 0} answers at once. */
  public OfflineLanguageModel(double latencyScale) {
    if (latencyScale < 0) {
      throw new IllegalArgumentException("latencyScale must not be negative, was " + latencyScale);
    }
    this.latencyScale = latencyScale;
  }

  @Override
  public ModelReply complete(String task, String prompt) throws InterruptedException {
    String answer = switch (task) {
      case "extract" -> extract(prompt);
      case "classify" -> classify(prompt).name();
      case "draft" -> draft(prompt);
      default -> throw new IllegalArgumentException("The offline model does not know task '" + task
          + "'; it answers extract, classify and draft");
    };
    Duration latency = LATENCY.get(task);
    Thread.sleep(Duration.ofNanos((long) (latency.toNanos() * latencyScale)));
    return new ModelReply(answer, tokens(prompt), tokens(answer));
  }

  private static String extract(String prompt) {
    Matcher order = ORDER.matcher(prompt);
    String product = "unknown";
    for (String candidate : PRODUCTS) {
      if (prompt.toLowerCase(Locale.ROOT).contains(candidate)) {
        product = candidate;
        break;
      }
    }
    return "order=" + (order.find() ? order.group(1) : "") + "; product=" + product;
  }

  private static Intent classify(String prompt) {
    String text = prompt.toLowerCase(Locale.ROOT);
    if (text.contains("refund") || text.contains("money back")) {
      return Intent.REFUND;
    }
    if (text.contains("deliver") || text.contains("shipping") || text.contains("arrived")) {
      return Intent.SHIPPING;
    }
    if (text.contains("password") || text.contains("log in") || text.contains("account")) {
      return Intent.ACCOUNT;
    }
    return Intent.TECHNICAL;
  }

  /** Thanks the customer for the subject on the prompt's first line and cites the first source. */
  private static String draft(String prompt) {
    String subject = prompt.lines().findFirst().orElse("your request");
    String source = prompt.lines()
        .filter(line -> line.startsWith("Sources: "))
        .map(line -> line.substring("Sources: ".length()).split("; ")[0])
        .findFirst()
        .orElse("");
    return "Thank you for writing to us about \"" + subject + "\". "
        + (source.isEmpty()
            ? "We are looking into it and will be back to you within a day."
            : "Our guide \"" + source + "\" walks through the fix step by step; "
                + "if it does not help, reply here and we will take it from there.");
  }

  /** Roughly four characters a token, as English text runs on common tokenizers. */
  private static int tokens(String text) {
    return Math.max(1, text.length() / 4);
  }
}
