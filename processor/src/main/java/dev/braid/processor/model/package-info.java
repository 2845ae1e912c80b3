/**
 * The pipeline as written: plain records ({@link dev.braid.processor.model.PipelineModel}, {@link
 * dev.braid.processor.model.StepModel}, parameter bindings, the {@link
 * dev.braid.processor.model.StepGraph} of names and edges) and the one factory that reads {@code
 * javax.lang.model} elements into them; likewise a router ({@link
 * dev.braid.processor.model.RouterModel}) and its factory, which reads each route with the
 * pipeline factory. Also holds the pure rules that both validation and writing apply, such as
 * duration syntax, the choice of the output step, the nullness that annotations declare, and the
 * graph's critical path and widest level. Depends only on {@code javax.lang.model}; Braid's
 * annotations are read by qualified name and nullness annotations by simple name, never as
 * classes, so the processor needs neither the annotations nor the runtime on its own class path.
 */
@NullMarked
package dev.braid.processor.model;

import org.jspecify.annotations.NullMarked;
