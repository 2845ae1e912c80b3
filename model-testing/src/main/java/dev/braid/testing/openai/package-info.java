/**
 * A local stand-in for OpenAI's chat completions API, so that the model adapters' tests drive
 * their framework's real OpenAI client over HTTP, with no network and no key. It depends on the
 * JDK alone.
 */
@NullMarked
package dev.braid.testing.openai;

import org.jspecify.annotations.NullMarked;
