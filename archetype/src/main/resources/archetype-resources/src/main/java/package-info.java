/**
 * The application: {@link ${package}.SummaryPipeline}, the model it calls, and {@link
 * ${package}.App}, which runs it. Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package ${package};

import org.jspecify.annotations.NullMarked;
