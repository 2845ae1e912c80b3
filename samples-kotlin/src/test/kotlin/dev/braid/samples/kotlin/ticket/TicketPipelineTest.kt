package dev.braid.samples.kotlin.ticket

import dev.braid.runtime.PipelineResult
import dev.braid.runtime.PriceTable
import dev.braid.runtime.StepStatus
import dev.braid.runtime.Usage
import java.time.Duration
import kotlin.reflect.KType
import kotlin.reflect.typeOf
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

class TicketPipelineTest {
    private val router = TICKETS[0]
    private val refundWithoutOrder = TICKETS[1]

    private val helpDesk = HelpDesk()
    private val executor = TicketPipelineExecutor(
        TicketPipeline(
            OfflineLanguageModel(latencyScale = 0.0),
            customers = CustomerDirectory(latency = Duration.ZERO),
            knowledgeBase = KnowledgeBase(latency = Duration.ZERO),
            helpDesk = helpDesk,
        ),
    )

    @Test
    fun answersATicketThatHasEverythingItNeeds() {
        val result = executor.execute(router)

        // The executor's JSpecify annotations make output() a Reply, not a Reply? or a platform type.
        val reply: Reply = result.output()
        assertFalse(result.stoppedEarly())
        assertEquals(Intent.TECHNICAL, reply.intent)
        assertTrue(reply.text.startsWith("Hi Maria,\nThank you for writing to us about \"Router keeps dropping Wi-Fi\""))
        assertEquals(listOf("KB-201", "KB-202"), reply.citedArticles)
        assertEquals(setOf(StepStatus.SUCCEEDED), result.steps().map { it.status() }.toSet())
    }

    @Test
    fun kotlinSeesTheExecutorsTypesWithTheirNullness() {
        val result = executor.execute(router)

        // Without the executor's @NullMarked these would be platform types, printed as Reply! like the
        // unannotated System.getProperty's String!.
        assertEquals("dev.braid.samples.kotlin.ticket.Reply", staticType(result.output()).toString())
        assertEquals(
            "dev.braid.runtime.PipelineResult<dev.braid.samples.kotlin.ticket.Reply>",
            staticType(executor.execute(router)).toString(),
        )
        assertEquals("kotlin.Any?", staticType(result.stepOutputs()["lookupCustomer"]).toString())
        assertEquals("kotlin.String!", staticType(System.getProperty("user.dir")).toString())
    }

    @Test
    fun asksForTheOrderNumberWhenARefundComesWithoutOne() {
        val result = executor.execute(refundWithoutOrder)

        assertTrue(result.stoppedEarly())
        assertEquals("check", result.stoppedAt().orElseThrow())
        assertEquals(
            "Ask the customer for their order number: a refund request cannot be handled without it.",
            result.conversationState().orElseThrow().context(),
        )
        assertEquals(StepStatus.STOPPED_EARLY, result.step("check").status())
        val noOutput = assertFailsWith<IllegalStateException> { result.output() }
        assertTrue("stopped early at step 'check'" in noOutput.message.orEmpty())
    }

    @Test
    fun dataClassesFlowBetweenStepsAsValues() {
        val result = executor.execute(router)

        assertEquals(
            Entities("maria@example.com", orderNumber = "482913", product = "router"),
            result.stepOutput("extract").orElseThrow(),
        )
        assertEquals(Customer("C-1001", "Maria", "gold"), result.stepOutput("lookupCustomer").orElseThrow())
    }

    @Test
    fun aNullStepOutputFlowsToItsReaderAsNull() {
        val stranger = router.copy(id = "T-1003", customerEmail = "alex@elsewhere.test")

        val result = executor.execute(stranger)

        assertEquals(StepStatus.SUCCEEDED, result.step("lookupCustomer").status())
        assertTrue(result.stepOutputs().containsKey("lookupCustomer"))
        assertNull(result.stepOutputs()["lookupCustomer"])
        assertTrue(result.output().text.startsWith("Hi there,\n"))
    }

    @Test
    fun runsTheUnitStepBeforeTheCheckAndRecordsNoOutputForIt() {
        val result = executor.execute(router)

        assertEquals(listOf("T-1001"), helpDesk.acknowledged())
        assertEquals(StepStatus.SUCCEEDED, result.step("acknowledge").status())
        assertNull(result.stepOutputs()["acknowledge"])
        // StepRecord's times are @Nullable in Java, so Kotlin sees them as Instant?.
        val acknowledged = assertNotNull(result.step("acknowledge").finishedAt())
        assertTrue(assertNotNull(result.step("check").startedAt()) >= acknowledged)
    }

    @Test
    fun defaultArgumentsCompleteThePipeline() {
        val pipeline = TicketPipeline(OfflineLanguageModel(latencyScale = 0.0))

        val reply = TicketPipelineExecutor(pipeline).execute(router).output()

        assertEquals(Reply(reply.text, Intent.TECHNICAL, listOf("KB-201", "KB-202")), reply)
        assertEquals(emptyList(), Reply("Noted.", Intent.ACCOUNT).citedArticles)
    }

    @Test
    fun reportsWhatEachModelCallingStepUsedAndCost() {
        val result = executor.execute(router)

        val price = PriceTable.defaults().price("gpt-4o-mini")
        for (step in listOf("extract", "classify", "draft")) {
            val usage = result.step(step).usage()
            assertEquals(1, usage.calls())
            assertEquals(price.cost(usage.inputTokens(), 0, usage.outputTokens()), usage.costMicrocents())
        }
        assertEquals(Usage.NONE, result.step("searchKnowledgeBase").usage())
        assertEquals(3, result.usage().calls())
        assertTrue(result.usage().costMicrocents() > 0)
        assertTrue(
            Regex("""\ndraft +1 +\d+ +0 +\d+ +\d+ +\$0\.0\d+ +\d+ ms  \S+\ntotal +3 """).containsMatchIn("\n" + result.usageTable()),
            result.usageTable(),
        )
    }

    @Test
    fun streamsTheDraftAsItIsWrittenThenReturnsTheSameReply() {
        val streamed = StringBuilder()
        val result: PipelineResult<Reply> = executor.stream(router).use { run ->
            for (chunk in run) {
                assertEquals("draft", chunk.step())
                streamed.append(chunk.text())
            }
            run.result()
        }

        assertEquals(result.output().text, streamed.toString())
        assertTrue(streamed.startsWith("Hi Maria,\n"))
    }
}

/** The type the Kotlin compiler gave [value]'s expression. */
private inline fun <reified T> staticType(@Suppress("UNUSED_PARAMETER") value: T): KType = typeOf<T>()
