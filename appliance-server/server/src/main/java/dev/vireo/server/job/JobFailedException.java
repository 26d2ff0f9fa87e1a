package dev.vireo.server.job;

/** A step's failure with a reason meant for the user (no class names, no stack). */
public final class JobFailedException extends Exception {
  public JobFailedException(String message) {
    super(message);
  }
}
