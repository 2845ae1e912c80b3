/**
 * braid-test: what a test of a Braid pipeline needs. {@link dev.braid.test.VirtualTime} makes
 * timeouts, retry pauses and deadlines pass instantly; {@link dev.braid.test.ScriptedModel} answers
 * model calls from a script and records them; {@link dev.braid.test.Cassette} records a real
 * model's answers once and replays them offline; {@link dev.braid.test.BraidTruth} asserts on a
 * {@link dev.braid.runtime.PipelineResult}; {@link dev.braid.test.BraidTest} wires them into JUnit
 * 5, with {@link dev.braid.test.DurableTestbed} for durable pipelines on an in-memory H2 database.
 * Depends on braid-runtime, JUnit 5's API, Truth and Jackson; on braid-durable only for the
 * testbed.
 */
@NullMarked
package dev.braid.test;

import org.jspecify.annotations.NullMarked;
