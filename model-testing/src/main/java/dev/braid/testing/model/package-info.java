/**
 * What the model adapters' tests share: a {@link dev.braid.testing.model.TestCall} to call a
 * client directly, a {@link dev.braid.testing.model.CallThread} to interrupt a call as a step's
 * thread would be, and the {@link dev.braid.testing.model.PipelineCallContract} every adapter's
 * models must meet inside a pipeline. It depends on Braid's runtime, JUnit and Truth, and on the
 * OpenAI stand-in in {@code dev.braid.testing.openai}.
 */
@NullMarked
package dev.braid.testing.model;

import org.jspecify.annotations.NullMarked;
