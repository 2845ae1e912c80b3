/**
 * Logs what runs do through {@link java.lang.System.Logger}, built on the runtime's listener SPI.
 * Depends on the runtime's public API only.
 */
@NullMarked
package dev.braid.runtime.logging;

import org.jspecify.annotations.NullMarked;
