package dev.braid.samples.kotlin.ticket

import java.io.ByteArrayOutputStream
import java.io.PrintStream
import kotlin.test.Test
import kotlin.test.assertContains
import kotlin.test.assertSame

class TicketTriageAppTest {

    @Test
    fun micronautInjectsTheGeneratedExecutorWithThePipeline() {
        val pipeline = TicketPipeline(OfflineLanguageModel(latencyScale = 0.0))
        applicationContext(pipeline).use { context ->
            val executor = context.getBean(TicketPipelineExecutor::class.java)

            assertSame(executor, context.getBean(TicketPipelineExecutor::class.java))
            assertSame(pipeline, context.getBean(TicketPipeline::class.java))
            assertContains(executor.execute(TICKETS[0]).output().text, "Hi Maria,")
        }
    }

    @Test
    fun printsEachAnswerOrQuestionWithItsTimelineAndUsage() {
        val bytes = ByteArrayOutputStream()
        applicationContext(TicketPipeline(OfflineLanguageModel(latencyScale = 0.0))).use { context ->
            triage(context.getBean(TicketPipelineExecutor::class.java), PrintStream(bytes, true, Charsets.UTF_8))
        }
        val printed = bytes.toString(Charsets.UTF_8)

        assertContains(printed, "== Ticket T-1001: Router keeps dropping Wi-Fi\nHi Maria,")
        assertContains(printed, "Sent. Cited: KB-201, KB-202")
        assertContains(printed, "== Ticket T-1002: Refund please\nHi Sam,")
        assertContains(printed, "Not sent. Stopped at 'check': Ask the customer for their order number")
        assertContains(printed, Regex("""\n {2}searchKnowledgeBase +\s*█+"""))
        assertContains(printed, Regex("""\nstep +calls +input +cached +output +total +cost\n"""))
    }
}
