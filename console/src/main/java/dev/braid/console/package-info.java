/**
 * The Braid console: a browser view of durable runs, served by one framework-neutral handler. An
 * adapter (the standalone server, the Micronaut controller, the Spring Boot auto-configuration)
 * turns its server's request into a {@link dev.braid.console.ConsoleRequest}, calls {@link
 * dev.braid.console.BraidConsole#handle} and writes the {@link dev.braid.console.ConsoleResponse}
 * back. Depends on braid-durable and Jackson only.
 */
@NullMarked
package dev.braid.console;

import org.jspecify.annotations.NullMarked;
