/**
 * The ticket service as a Spring Boot application: the ticket pipeline behind HTTP, with durable
 * runs. {@code POST /tickets} queues a run and answers at once; the worker the starter runs in the
 * same application triages it; {@code GET /runs/{id}} shows where it stands, its timeline and its
 * answer, or the question it stopped to ask; {@code POST /runs/{id}/resume} continues it with the
 * answer. Its settings are in {@code application.yml}; its metrics in {@code /actuator/metrics}.
 * Depends on the ticket pipeline ({@code dev.braid.samples.ticket}) and the service's JSON bodies
 * ({@code dev.braid.samples.web}), which it shares with the Micronaut service, Braid's starter,
 * braid-durable, and Spring MVC and Actuator.
 */
@NullMarked
package dev.braid.samples.spring;

import org.jspecify.annotations.NullMarked;
