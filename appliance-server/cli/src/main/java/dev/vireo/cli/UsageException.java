package dev.vireo.cli;

/** The command line is wrong: unknown command, missing or malformed option (exit code 2). */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
