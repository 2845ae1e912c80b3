package dev.braid.samples.kotlin.ticket

import java.util.concurrent.CopyOnWriteArrayList

/** The help desk the tickets come from, which shows customers that their ticket is being handled. Thread-safe. */
class HelpDesk {
    private val acknowledged = CopyOnWriteArrayList<String>()

    /** Marks the ticket as in progress, which the help desk tells its customer. */
    fun acknowledge(ticket: Ticket) {
        acknowledged += ticket.id
    }

    /** The ids of the tickets acknowledged so far, oldest first. */
    fun acknowledged(): List<String> = acknowledged.toList()
}
