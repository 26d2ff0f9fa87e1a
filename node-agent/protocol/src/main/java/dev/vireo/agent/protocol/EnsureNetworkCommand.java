package dev.vireo.agent.protocol;

/**
 * Makes sure this node can carry a flat network (ADR 0015): its {@code uplink} device is a port of
 * an Open vSwitch bridge (the bridge it is in already, else a new bridge {@code br-<uplink>} of the
 * node's datapath type with the uplink as a trunk port). Idempotent; the agent also re-applies
 * every network it was given when it restarts (drift repair). Replies {@link NetworkReply}.
 */
public record EnsureNetworkCommand(String networkId, String uplink, Integer vlanId) implements AgentCommand {}
