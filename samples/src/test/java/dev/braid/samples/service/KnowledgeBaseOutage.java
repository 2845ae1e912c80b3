package dev.braid.samples.service;

import dev.braid.samples.ticket.Article;
import dev.braid.samples.ticket.Intent;
import dev.braid.samples.ticket.KnowledgeBase;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The help-centre search, down for the questions about one product: {@code
 * ticket-service.outage-product} names it. Replaces {@link KnowledgeBase} only when that is set, so
 * that the console's browser test has a run whose step fails on every attempt.
 */
@Singleton
@Replaces(KnowledgeBase.class)
@Requires(property = KnowledgeBaseOutage.PRODUCT)
public class KnowledgeBaseOutage extends KnowledgeBase {
  static final String PRODUCT = "ticket-service.outage-product";

  private final String product;

  public KnowledgeBaseOutage(@Property(name = PRODUCT) String product) {
    this.product = product;
  }

  @Override
  public List<Article> search(Intent intent, String product) throws InterruptedException {
    if (product.equals(this.product)) {
      throw new IllegalStateException("The help-centre search is down for " + product
          + " questions");
    }
    return super.search(intent, product);
  }
}
