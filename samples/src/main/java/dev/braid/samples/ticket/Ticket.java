package dev.braid.samples.ticket;

/** A support ticket as it arrives from the help desk. */
public record Ticket(String id, String customerEmail, String subject, String body) {

  /**
   * This ticket with the customer's answer to "which order?" added to its body, where the pipeline
   * looks for an order number; a leading {@code #} in the answer is optional.
   */
  public Ticket withOrderNumber(String orderNumber) {
    String number = orderNumber.strip().replaceFirst("^#", "");
    return new Ticket(id, customerEmail, subject, body + "\n\nOrder number: #" + number);
  }

  /** The text the model reads. */
  String text() {
    return subject + "\n\n" + body;
  }
}
