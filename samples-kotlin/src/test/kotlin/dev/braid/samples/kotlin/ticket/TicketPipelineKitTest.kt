package dev.braid.samples.kotlin.ticket

import dev.braid.runtime.AttemptOutcome.SUCCEEDED
import dev.braid.runtime.AttemptOutcome.TIMED_OUT
import dev.braid.runtime.ModelCall
import dev.braid.runtime.ModelResponse
import dev.braid.test.BraidKit
import dev.braid.test.BraidTest
import dev.braid.test.BraidTruth.assertThat
import dev.braid.test.ScriptedModel
import dev.braid.test.ScriptedReply
import java.time.Duration
import kotlin.test.Test
import kotlin.test.assertEquals

/**
 * The Kotlin ticket pipeline tested with braid-test: a draft that takes longer than its 60-second
 * timeout, then a retry that answers, on virtual time, so the test takes no real minute.
 */
@BraidTest
class TicketPipelineKitTest {
    @Test
    fun aDraftThatOutlastsItsTimeoutIsRetried(kit: BraidKit) {
        val model = kit.model<Prompt, String>("gpt-4o-mini", String::class.java)
            .whenRequest({ it.task == "extract" }, ScriptedReply.value("order=482913; product=router", 24, 7))
            .whenRequest({ it.task == "classify" }, ScriptedReply.value("TECHNICAL", 24, 2))
            .whenRequest(
                { it.task == "draft" },
                ScriptedReply.value<String>("too late").after(Duration.ofSeconds(90)),
                ScriptedReply.value("Please restart the router.", 80, 20).after(Duration.ofSeconds(4)),
            )
            .build()
        val executor = TicketPipelineExecutor(
            TicketPipeline(
                Scripted(model),
                customers = CustomerDirectory(latency = Duration.ZERO),
                knowledgeBase = KnowledgeBase(latency = Duration.ZERO),
            ),
            kit.config().build(),
        )

        val result = executor.execute(TICKETS[0])

        assertThat(result).succeeded()
        assertEquals("Hi Maria,\nPlease restart the router.", result.output().text)
        assertThat(result).step("draft").hadOutcomes(TIMED_OUT, SUCCEEDED)
        assertThat(result).step("draft").attempt(1).hasDuration(Duration.ofSeconds(60))
        assertThat(result).step("draft").attempt(2).hasDuration(Duration.ofSeconds(4))
        assertEquals(listOf(1, 2), model.callsOf("draft").map { it.stepAttempt() })
    }

    /** The pipeline's model type over a scripted model. */
    private class Scripted(private val script: ScriptedModel<Prompt, String>) : LanguageModel {
        override fun model(): String = script.model()

        override fun call(request: Prompt, call: ModelCall): ModelResponse<String> = script.call(request, call)
    }
}
