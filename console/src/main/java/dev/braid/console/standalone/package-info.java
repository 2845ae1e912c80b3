/**
 * The console on its own: {@code java -jar braid-console-…-standalone.jar --jdbc-url …}, on the
 * JDK's HTTP server, over the database that the workers share. Depends on the console's handler
 * and braid-durable only.
 */
@NullMarked
package dev.braid.console.standalone;

import org.jspecify.annotations.NullMarked;
