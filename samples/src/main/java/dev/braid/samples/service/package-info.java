/**
 * The ticket service: the ticket pipeline behind HTTP, with durable runs. {@code POST /tickets}
 * queues a run and answers at once; a worker in the same application runs it; {@code GET
 * /runs/{id}} shows where it stands, its timeline and its answer, or the question it stopped to
 * ask; {@code POST /runs/{id}/resume} continues it with the answer. Depends on the ticket pipeline
 * ({@code dev.braid.samples.ticket}), the service's JSON bodies ({@code dev.braid.samples.web}),
 * braid-durable and Micronaut's HTTP server and serde.
 */
@NullMarked
package dev.braid.samples.service;

import org.jspecify.annotations.NullMarked;
