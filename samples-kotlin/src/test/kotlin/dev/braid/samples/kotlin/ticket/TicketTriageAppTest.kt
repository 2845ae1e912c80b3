package dev.braid.samples.kotlin.ticket

import java.io.ByteArrayOutputStream
import java.io.PrintStream
import kotlin.test.Test
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertSame

class TicketTriageAppTest {

    @Test
    fun micronautInjectsTheGeneratedExecutorsWithTheirPipelines() {
        val pipeline = TicketPipeline(OfflineLanguageModel(latencyScale = 0.0))
        val routing = RoutingPipeline(OfflineLanguageModel(latencyScale = 0.0))
        applicationContext(pipeline, routing).use { context ->
            val executor = context.getBean(TicketPipelineExecutor::class.java)

            assertSame(executor, context.getBean(TicketPipelineExecutor::class.java))
            assertSame(pipeline, context.getBean(TicketPipeline::class.java))
            assertSame(routing, context.getBean(RoutingPipeline::class.java))
            assertContains(executor.execute(TICKETS[0]).output().text, "Hi Maria,")
            val router = context.getBean(RoutingPipelineExecutor::class.java)
            assertEquals(Team.TECHNICAL_SUPPORT, router.execute(TICKETS[0], null).output())
        }
    }

    @Test
    fun printsEachAnswerOrQuestionWithItsTimelineAndUsage() {
        val bytes = ByteArrayOutputStream()
        val model = OfflineLanguageModel(latencyScale = 0.0)
        applicationContext(TicketPipeline(model), RoutingPipeline(model)).use { context ->
            triage(
                context.getBean(TicketPipelineExecutor::class.java),
                context.getBean(RoutingPipelineExecutor::class.java),
                PrintStream(bytes, true, Charsets.UTF_8),
            )
        }
        val printed = bytes.toString(Charsets.UTF_8)

        assertContains(printed, "== Ticket T-1001: Router keeps dropping Wi-Fi\nQueue: technical support\nHi Maria,")
        assertContains(printed, "Sent. Cited: KB-201, KB-202")
        assertContains(printed, "== Ticket T-1002: Refund please\nQueue: billing\nHi Sam,")
        assertContains(printed, "Not sent. Stopped at 'check': Ask the customer for their order number")
        assertContains(printed, Regex("""\n {2}searchKnowledgeBase +\s*█+"""))
        assertContains(printed, Regex("""\nstep +calls +input +cached +output +total +cost +latency +models\n"""))
    }
}
