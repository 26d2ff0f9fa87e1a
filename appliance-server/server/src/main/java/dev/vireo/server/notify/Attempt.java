package dev.vireo.server.notify;

/** The outcome of one attempt to reach a contact: delivered, or failed and whether trying again may help. */
record Attempt(boolean delivered, boolean retryable, String error) {
  static final Attempt DELIVERED = new Attempt(true, false, null);

  static Attempt retry(String error) {
    return new Attempt(false, true, error);
  }

  static Attempt fail(String error) {
    return new Attempt(false, false, error);
  }
}
