package dev.vireo.agent.protocol;

import java.util.List;

/**
 * Reply of {@link ApplyNicFiltersCommand}: MACs whose flows are in place now ({@code applied}),
 * MACs kept until their tap appears ({@code pending}), and the OpenFlow flows installed.
 */
public record NicFiltersReply(List<String> applied, List<String> pending, int flows) implements AgentReply {}
