package dev.braid.samples.ticket;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/** The help-centre search, here a fixed set of articles with a network-like delay. */
@Singleton
public class KnowledgeBase {
  private static final Duration LATENCY = Duration.ofMillis(200);
  private static final List<Article> ARTICLES = List.of(
      new Article("KB-101", "Refunds within 30 days", "Refunds go back to the original payment method."),
      new Article("KB-102", "Tracking a delivery", "Every order has a tracking link in its confirmation."),
      new Article("KB-201", "Resetting a router", "Hold the reset button for ten seconds."),
      new Article("KB-202", "Camera firmware updates", "Update from the app under Settings > Device."),
      new Article("KB-301", "Resetting your password", "Use 'Forgot password' on the sign-in page."));

  /** The articles that fit the intent and product, best first. */
  public List<Article> search(Intent intent, String product) throws InterruptedException {
    Thread.sleep(LATENCY);
    String prefix = switch (intent) {
      case REFUND, SHIPPING -> "KB-1";
      case TECHNICAL -> "KB-2";
      case ACCOUNT -> "KB-3";
    };
    return ARTICLES.stream()
        .filter(article -> article.id().startsWith(prefix))
        .sorted((a, b) -> Boolean.compare(
            b.title().toLowerCase().contains(product), a.title().toLowerCase().contains(product)))
        .toList();
  }
}
