package dev.vireo.server.vm;

import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeState;
import dev.vireo.server.job.JobFailedException;
import java.util.Comparator;
import java.util.List;

/** Chooses the node for a new VM. The full scheduler (filters and weighers) replaces this. */
public interface PlacementPolicy {
  Node choose(String clusterId, List<Node> nodes) throws JobFailedException;

  /** The connected, unlocked node of the cluster running the fewest VMs. */
  static PlacementPolicy fewestVms() {
    return (clusterId, nodes) -> nodes.stream()
        .filter(n -> n.clusterId().equals(clusterId) && n.state() == NodeState.CONNECTED && !n.locked())
        .min(Comparator.comparingInt(Node::vmCount).thenComparing(Node::id))
        .orElseThrow(() -> new JobFailedException("no connected, unlocked node in cluster " + clusterId));
  }
}
