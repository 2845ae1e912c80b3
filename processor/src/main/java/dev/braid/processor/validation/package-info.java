/**
 * The rules a pipeline or a router must satisfy, one {@code *Validator} per rule, each returning
 * {@link dev.braid.processor.validation.Finding findings} rather than printing them, so that every
 * rule runs and a user sees all errors of a pipeline or router in one compile. A finding is an
 * error, which stops generation, or a warning, which does not. Graph rules (cycles, did-you-mean)
 * work on plain names and indexes and unit-test without javac. Depends on the model package and
 * {@code javax.lang.model}; never on writing.
 */
@NullMarked
package dev.braid.processor.validation;

import org.jspecify.annotations.NullMarked;
