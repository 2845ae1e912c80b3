/**
 * The JSON bodies of the ticket service's HTTP API: a run with its timeline, what a submit or a
 * resume answers, and why a request was refused. Free of any web framework, so that the Micronaut
 * service ({@code dev.braid.samples.service}) and the Spring Boot one answer alike; depends on
 * braid-durable, the ticket pipeline's {@code Reply} and Jackson's annotations only.
 */
@NullMarked
package dev.braid.samples.web;

import org.jspecify.annotations.NullMarked;
