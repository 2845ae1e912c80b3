package dev.braid.samples.kotlin.ticket

import dev.braid.runtime.PipelineResult
import dev.braid.runtime.StepStatus
import kotlin.reflect.KType
import kotlin.reflect.typeOf
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

class RoutingPipelineTest {
    private val router = TICKETS[0]
    private val refund = TICKETS[1]
    private val password = Ticket("T-1004", "kim@example.com", "Cannot log in", "My password stopped working.")

    private val executor = RoutingPipelineExecutor(RoutingPipeline(OfflineLanguageModel(latencyScale = 0.0)))

    @Test
    fun routesByIntentWhenNoTeamIsRequested() {
        // requestedTeam is a Team? in Kotlin, so null needs no workaround.
        assertEquals(Team.TECHNICAL_SUPPORT, executor.execute(router, null).output())
        assertEquals(Team.BILLING, executor.execute(refund, null).output())
    }

    @Test
    fun theRequestedTeamWins() {
        assertEquals(Team.LOGISTICS, executor.execute(refund, Team.LOGISTICS).output())
    }

    @Test
    fun aNullOutputLeavesTheTicketInTheSharedQueue() {
        val result = executor.execute(password, null)

        assertTrue(result.hasOutput())
        assertNull(result.output())
        assertEquals(StepStatus.SUCCEEDED, result.step("route").status())
    }

    @Test
    fun kotlinSeesTheNullableInputAndOutput() {
        val result = executor.execute(router, null)

        // The executor writes @Nullable on both, so Kotlin sees Team?, not Team or a platform Team!.
        assertEquals("dev.braid.samples.kotlin.ticket.Team?", staticType(result.output()).toString())
        assertEquals(
            "dev.braid.runtime.PipelineResult<dev.braid.samples.kotlin.ticket.Team?>",
            staticType(result).toString(),
        )
        val parameter = RoutingPipelineExecutor::class.java
            .getMethod("execute", Ticket::class.java, Team::class.java)
            .annotatedParameterTypes[1]
        assertEquals(listOf("Nullable"), parameter.annotations.map { it.annotationClass.simpleName })
    }

    @Test
    fun streamsAndBatchesWithTheNullableOutput() {
        val streamed: PipelineResult<Team?> = executor.stream(password, null).use { run -> run.result() }
        assertNull(streamed.output())

        val inputs = listOf(
            RoutingPipelineExecutor.Inputs(router, null),
            RoutingPipelineExecutor.Inputs(password, null),
        )
        val teams = executor.executeAll(inputs, 2).use { batch ->
            batch.associate { it.input().ticket().id to it.resultOrThrow().output() }
        }
        assertEquals(mapOf("T-1001" to Team.TECHNICAL_SUPPORT, "T-1004" to null), teams)
    }
}

/** The type the Kotlin compiler gave [value]'s expression. */
private inline fun <reified T> staticType(@Suppress("UNUSED_PARAMETER") value: T): KType = typeOf<T>()
