package dev.vireo.cli;

/** The command was understood but did not succeed: a failed job, no saved login (exit code 1). */
final class CommandFailedException extends RuntimeException {
  CommandFailedException(String message) {
    super(message);
  }
}
