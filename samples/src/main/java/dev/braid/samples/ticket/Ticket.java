package dev.braid.samples.ticket;

/** A support ticket as it arrives from the help desk. */
public record Ticket(String id, String customerEmail, String subject, String body) {

  /** The text the model reads. */
  String text() {
    return subject + "\n\n" + body;
  }
}
