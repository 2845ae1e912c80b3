package dev.braid.samples.kotlin.ticket

import dev.braid.runtime.ModelCall
import dev.braid.runtime.ModelResponse
import java.time.Duration

/**
 * A stand-in model that needs no network: the same prompt always gets the same answer, after a
 * latency and with token counts like those of a hosted model, so that runs look like real ones. It
 * is billed as the hosted model it stands in for, and streams its drafts word by word.
 * Thread-safe.
 *
 * @param latencyScale scales every latency; `0.0` answers at once
 */
class OfflineLanguageModel(private val latencyScale: Double = 1.0) : LanguageModel {
    init {
        require(latencyScale >= 0) { "latencyScale must not be negative, was $latencyScale" }
    }

    /** The hosted model this one stands in for, whose price Braid's bundled table knows. */
    override fun model(): String = "gpt-4o-mini"

    override fun call(request: Prompt, call: ModelCall): ModelResponse<String> {
        val answer = when (request.task) {
            "extract" -> extract(request.text)
            "classify" -> classify(request.text).name
            "draft" -> draft(request.text)
            else -> throw IllegalArgumentException(
                "The offline model does not know task '${request.task}'; it answers extract, classify and draft")
        }
        val latency = Duration.ofNanos((LATENCY.getValue(request.task).toNanos() * latencyScale).toLong())
        if (request.task == "draft") {
            stream(answer, latency, call)
        } else {
            Thread.sleep(latency)
        }
        return ModelResponse.of(answer, tokens(request.text), tokens(answer))
    }

    private companion object {
        val ORDER = Regex("""(?:order|#)\s*(?:number\s*)?#?(\d{5,})""", RegexOption.IGNORE_CASE)
        val LATENCY = mapOf(
            "extract" to Duration.ofMillis(180),
            "classify" to Duration.ofMillis(120),
            "draft" to Duration.ofMillis(420),
        )
        val PRODUCTS = listOf("router", "camera", "thermostat", "speaker")

        /** Emits the answer a word at a time, spreading the latency over the words as a hosted model would. */
        fun stream(answer: String, latency: Duration, call: ModelCall) {
            val words = answer.split(Regex("(?<= )"))
            val perWord = latency.dividedBy(words.size.toLong())
            for (word in words) {
                Thread.sleep(perWord)
                call.emit(word)
            }
        }

        fun extract(prompt: String): String {
            val order = ORDER.find(prompt)?.groupValues?.get(1).orEmpty()
            val product = PRODUCTS.firstOrNull { prompt.contains(it, ignoreCase = true) } ?: "unknown"
            return "order=$order; product=$product"
        }

        fun classify(prompt: String): Intent {
            val text = prompt.lowercase()
            return when {
                "refund" in text || "money back" in text -> Intent.REFUND
                "deliver" in text || "shipping" in text || "arrived" in text -> Intent.SHIPPING
                "password" in text || "log in" in text || "account" in text -> Intent.ACCOUNT
                else -> Intent.TECHNICAL
            }
        }

        /** Thanks the customer for the subject on the prompt's first line and cites the first source. */
        fun draft(prompt: String): String {
            val subject = prompt.lineSequence().firstOrNull() ?: "your request"
            val source = prompt.lineSequence()
                .firstOrNull { it.startsWith("Sources: ") }
                ?.removePrefix("Sources: ")
                ?.substringBefore("; ")
                .orEmpty()
            return "Thank you for writing to us about \"$subject\". " +
                if (source.isEmpty()) {
                    "We are looking into it and will be back to you within a day."
                } else {
                    "Our guide \"$source\" walks through the fix step by step; " +
                        "if it does not help, reply here and we will take it from there."
                }
        }

        /** Roughly four characters a token, as English text runs on common tokenizers. */
        fun tokens(text: String): Long = maxOf(1, text.length / 4).toLong()
    }
}
