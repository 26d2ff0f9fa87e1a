package dev.vireo.agent;

import java.util.UUID;

/**
 * The id of this agent process: random, new at each start. The agent registers with it and puts it
 * on every command it accepts, so the server knows which commands died with a previous process.
 */
public final class AgentIncarnation {
  /** This process's id. */
  public static final String ID = UUID.randomUUID().toString();

  private AgentIncarnation() {}
}
