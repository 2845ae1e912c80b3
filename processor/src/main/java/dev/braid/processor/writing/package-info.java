/**
 * Writes the executor of a valid pipeline or router with JavaPoet, from small methods that each
 * return a {@code MethodSpec} or {@code CodeBlock}, and its graph as Mermaid text. Generated code
 * calls only {@code dev.braid.runtime} and {@code dev.braid.runtime.codegen}, names the user's
 * types without reflection and without casts (but for a durable pipeline's inputs, which a worker
 * reads back as objects), and compiles warning-free. Depends on the model package,
 * JavaPoet and {@code javax.lang.model}; it trusts the model, because only pipelines and routers
 * without errors reach it.
 */
@NullMarked
package dev.braid.processor.writing;

import org.jspecify.annotations.NullMarked;
