/**
 * The seam through which a run reads the time, waits and sets its alarms: {@link
 * dev.braid.runtime.time.TimeSource}. Applications never need it; every run uses the system's time
 * unless its executor's {@link dev.braid.runtime.PipelineConfig} names another. It exists so that
 * a test kit can run pipelines on virtual time, where timeouts, retry pauses and deadlines pass
 * instantly. Depends on nothing but the JDK.
 */
@NullMarked
package dev.braid.runtime.time;

import org.jspecify.annotations.NullMarked;
