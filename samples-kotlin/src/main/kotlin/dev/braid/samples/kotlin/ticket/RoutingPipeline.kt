package dev.braid.samples.kotlin.ticket

import dev.braid.Input
import dev.braid.Pipeline
import dev.braid.Step
import dev.braid.runtime.StepContext

/**
 * Picks the queue a ticket waits in: the team an agent asked for, else the team that handles why
 * the customer wrote, else none, which leaves the ticket in the shared queue.
 *
 * Both ends are nullable, and the generated executor says so: `RoutingPipelineExecutor.execute`
 * takes `requestedTeam: Team?`, so callers pass `null` when no agent asked, and returns
 * `PipelineResult<Team?>`, whose `output()` is `null` for the shared queue.
 */
@Pipeline(timeout = "10s", retries = 1)
class RoutingPipeline(private val model: LanguageModel) {
    @Step
    fun classify(@Input ticket: Ticket, context: StepContext): Intent =
        Intent.valueOf(context.call(model, Prompt("classify", ticket.text)).value())

    /** Null when no team takes the ticket: account questions are answered from the shared queue. */
    @Step(dependsOn = ["classify"])
    fun route(classify: Intent, @Input requestedTeam: Team?): Team? = requestedTeam ?: TEAMS[classify]

    private companion object {
        val TEAMS = mapOf(
            Intent.REFUND to Team.BILLING,
            Intent.SHIPPING to Team.LOGISTICS,
            Intent.TECHNICAL to Team.TECHNICAL_SUPPORT,
        )
    }
}
