/**
 * A live progress line for runs, built on the runtime's listener SPI, for terminals and logs.
 * Depends on the runtime's public API only.
 */
@NullMarked
package dev.braid.runtime.progress;

import org.jspecify.annotations.NullMarked;
