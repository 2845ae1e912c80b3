package dev.braid.samples.ticket;

/** A customer record from the CRM. */
public record Customer(String id, String name, String tier) {}
