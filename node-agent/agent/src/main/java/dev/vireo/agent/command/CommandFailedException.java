package dev.vireo.agent.command;

/** A command that could not reach its target state; the code goes to the server verbatim. */
public final class CommandFailedException extends RuntimeException {
  private final String code;

  public CommandFailedException(String code, String message) {
    super(message);
    this.code = code;
  }

  public CommandFailedException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
