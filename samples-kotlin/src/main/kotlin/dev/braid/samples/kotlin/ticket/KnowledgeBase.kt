package dev.braid.samples.kotlin.ticket

import java.time.Duration

/** The help-centre search, here a fixed set of articles with a network-like delay. Thread-safe. */
class KnowledgeBase(private val latency: Duration = Duration.ofMillis(200)) {

    /** The articles that fit the intent and product, the ones about the product first. */
    fun search(intent: Intent, product: String): List<Article> {
        Thread.sleep(latency)
        val prefix = when (intent) {
            Intent.REFUND, Intent.SHIPPING -> "KB-1"
            Intent.TECHNICAL -> "KB-2"
            Intent.ACCOUNT -> "KB-3"
        }
        return ARTICLES
            .filter { it.id.startsWith(prefix) }
            .sortedByDescending { it.title.contains(product, ignoreCase = true) }
    }

    private companion object {
        val ARTICLES = listOf(
            Article("KB-101", "Refunds within 30 days", "Refunds go back to the original payment method."),
            Article("KB-102", "Tracking a delivery", "Every order has a tracking link in its confirmation."),
            Article("KB-201", "Resetting a router", "Hold the reset button for ten seconds."),
            Article("KB-202", "Camera firmware updates", "Update from the app under Settings > Device."),
            Article("KB-301", "Resetting your password", "Use 'Forgot password' on the sign-in page."),
        )
    }
}
