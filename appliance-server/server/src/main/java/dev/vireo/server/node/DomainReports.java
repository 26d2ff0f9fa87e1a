package dev.vireo.server.node;

import dev.vireo.agent.protocol.DomainEvent;
import dev.vireo.agent.protocol.DomainStatus;
import java.time.Instant;
import java.util.List;

/** Receives what nodes say about their domains, so VM state can follow what really runs. */
public interface DomainReports {
  /** Every domain the node has, as seen at {@code observedAt} (registration or heartbeat). */
  void fullReport(String nodeId, List<DomainStatus> domains, Instant observedAt);

  /** One lifecycle change, as libvirt announced it. */
  void event(DomainEvent event);

  /** The node stopped answering: what its VMs do is no longer known. */
  void nodeLost(String nodeId);
}
