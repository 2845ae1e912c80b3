package dev.braid.samples.ticket;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelResponse;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in model that needs no network: the same prompt always gets the same answer, after a
 * latency and with token counts like those of a hosted model, so that runs look like real ones. It
 * is billed as the hosted model it stands in for, and streams its drafts word by word.
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

  /** The hosted model this one stands in for, whose price Braid's bundled table knows. */
  @Override
  public String model() {
    return "gpt-4o-mini";
  }

  @Override
  public ModelResponse<String> call(Prompt prompt, ModelCall call) throws InterruptedException {
    String answer = switch (prompt.task()) {
      case "extract" -> extract(prompt.text());
      case "classify" -> classify(prompt.text()).name();
      case "draft" -> draft(prompt.text());
      default -> throw new IllegalArgumentException("The offline model does not know task '"
          + prompt.task() + "'; it answers extract, classify and draft");
    };
    Duration latency = Duration.ofNanos((long) (LATENCY.get(prompt.task()).toNanos() * latencyScale));
    if (prompt.task().equals("draft")) {
      stream(answer, latency, call);
    } else {
      Thread.sleep(latency);
    }
    return ModelResponse.of(answer, tokens(prompt.text()), tokens(answer));
  }

  /** Emits the answer a word at a time, spreading the latency over the words as a hosted model would. */
  private static void stream(String answer, Duration latency, ModelCall call)
      throws InterruptedException {
    String[] words = answer.split("(?<= )");
    Duration perWord = latency.dividedBy(words.length);
    for (String word : words) {
      Thread.sleep(perWord);
      call.emit(word);
    }
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
