package dev.vireo.agent.protocol;

import java.util.List;

/**
 * Reply of {@link ApplyNicFiltersCommand}: MACs whose flows are in place now ({@code applied}: the
 * NIC's tap is a port of a bridge of this node and has its full flows), MACs kept until their tap
 * appears ({@code pending}: the node holds the fail-closed placeholder flows on its Vireo bridges and
 * installs the full set by itself when the tap appears), and the OpenFlow flows this command added
 * (0 when every filter was already in place: the command is idempotent).
 */
public record NicFiltersReply(List<String> applied, List<String> pending, int flows) implements AgentReply {}
