package dev.braid.samples.ticket;

/** Why the customer wrote. */
public enum Intent {
  REFUND(true),
  SHIPPING(true),
  TECHNICAL(false),
  ACCOUNT(false);

  private final boolean needsOrder;

  Intent(boolean needsOrder) {
    this.needsOrder = needsOrder;
  }

  /** Whether an agent can only act on this intent with an order number. */
  public boolean needsOrder() {
    return needsOrder;
  }
}
