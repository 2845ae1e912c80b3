package dev.braid.samples.kotlin.ticket

import java.time.Duration

/** The CRM lookup, here a deterministic in-memory stand-in with a network-like delay. Thread-safe. */
class CustomerDirectory(private val latency: Duration = Duration.ofMillis(150)) {
    private val customers = mapOf(
        "maria@example.com" to Customer("C-1001", "Maria", "gold"),
        "sam@example.com" to Customer("C-1002", "Sam", "standard"),
    )

    /** The customer who owns [email], or null for an address the CRM does not know. */
    fun find(email: String): Customer? {
        Thread.sleep(latency)
        return customers[email.lowercase()]
    }
}
