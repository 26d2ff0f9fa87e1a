package dev.vireo.api.client;

/** The server presented a certificate other than the pinned one (reinstalled server, or someone in between). */
public final class FingerprintMismatchException extends ServerUnreachableException {
  private final String pinned;
  private final String presented;

  public FingerprintMismatchException(String presented, String pinned) {
    super("server certificate fingerprint " + presented + " does not match the pinned " + pinned, null);
    this.pinned = pinned;
    this.presented = presented;
  }

  public String pinned() {
    return pinned;
  }

  public String presented() {
    return presented;
  }
}
