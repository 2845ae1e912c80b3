package dev.braid.samples.ticket;

/** A knowledge-base article that can back a reply. */
public record Article(String id, String title, String summary) {}
