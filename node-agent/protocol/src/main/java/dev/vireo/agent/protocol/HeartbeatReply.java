package dev.vireo.agent.protocol;

import java.util.List;

/**
 * The server's answer to a heartbeat: the other nodes of the node's cluster and the HA settings.
 *
 * <p>The agent probes every peer each {@code probeIntervalSeconds}; a peer that fails one probe
 * and then {@code probeRetries} more in a row is unreachable (white paper 3.2.5: every 10 s, 3
 * retries), and reachable again after one successful probe. Changes are sent at once to
 * {@link AgentHttp#PEERS_PATH} and with every heartbeat.
 *
 * <p>Self-fencing: when {@code haEnabled}, the node has peers, no heartbeat has reached the
 * server for {@code fenceAfterSeconds}, and the node cannot reach more than half of its
 * cluster (itself included), it destroys every Vireo domain it runs and reports
 * {@code fencedAt} until the server has seen it. The server declares such a node down only
 * later (its node timeout is longer, and it waits a grace period), so a partitioned node never
 * keeps writing a disk that another node restarted.
 */
public record HeartbeatReply(
    List<PeerNode> peers,
    int probeIntervalSeconds,
    int probeRetries,
    int fenceAfterSeconds,
    boolean haEnabled) {}
