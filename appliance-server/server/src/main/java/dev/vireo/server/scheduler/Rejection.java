package dev.vireo.server.scheduler;

import java.util.function.Supplier;

/**
 * Why a filter turned a node down. {@code rule} names the rule when the filter checks several
 * (a group name), else null; the node-specific text is built only when asked for, so rejecting
 * thousands of nodes stays cheap.
 */
public record Rejection(String filter, String rule, Supplier<String> why) {
  public String reason() {
    return why.get();
  }
}
