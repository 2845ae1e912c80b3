/**
 * The annotations that declare a Braid pipeline: {@link dev.braid.Pipeline}, {@link
 * dev.braid.Step}, {@link dev.braid.Input} and {@link dev.braid.From}; and a router that picks one
 * of several pipelines for each run: {@link dev.braid.Router} and {@link dev.braid.Route}. They
 * are read by Braid's annotation processor at compile time and depend on nothing.
 */
package dev.braid;
