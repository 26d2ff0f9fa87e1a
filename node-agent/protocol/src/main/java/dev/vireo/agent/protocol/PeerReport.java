package dev.vireo.agent.protocol;

import java.time.Instant;
import java.util.List;

/**
 * A node's view of its peers, POSTed to {@link AgentHttp#PEERS_PATH} as soon as it changes (and
 * carried by every heartbeat): the ids of the peers it finds unreachable now.
 */
public record PeerReport(String nodeId, Instant at, List<String> unreachable) {}
