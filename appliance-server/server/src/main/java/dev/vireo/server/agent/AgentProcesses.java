package dev.vireo.server.agent;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One node's agent processes as their registrations tell them: the current one and the last few
 * it replaced. Not thread-safe; {@link AgentClient} guards it.
 */
final class AgentProcesses {
  /** How many replaced processes are remembered; an acceptance by an older one is not expected. */
  private static final int REMEMBERED = 16;

  private String current;
  private final Deque<String> replaced = new ArrayDeque<>();

  /** Process {@code incarnation} registered (null: an agent that names none). */
  void registered(String incarnation) {
    if (current != null && !current.equals(incarnation)) {
      replaced.addFirst(current);
      while (replaced.size() > REMEMBERED) {
        replaced.removeLast();
      }
    }
    current = incarnation;
    replaced.remove(incarnation);
  }

  /** Whether {@code incarnation} registered once and another process has registered since. */
  boolean replaced(String incarnation) {
    return replaced.contains(incarnation);
  }
}
