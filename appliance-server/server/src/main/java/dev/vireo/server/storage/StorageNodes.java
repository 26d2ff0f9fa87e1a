package dev.vireo.server.storage;

import dev.vireo.agent.protocol.AgentCommand;
import dev.vireo.agent.protocol.AgentReply;
import dev.vireo.agent.protocol.DataDiskDefinition;
import dev.vireo.agent.protocol.StorageReply;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.StorageCluster;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.vm.VmHost;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the work on a storage cluster happens: any CONNECTED node of its compute cluster (they all
 * mount it at the same path), and the layout of volumes on it ({@code <path>/disks/<diskId>.qcow2}).
 */
final class StorageNodes {
  static final Duration TIMEOUT = Duration.ofMinutes(2);
  private final VmHost host;
  private final StorageClusterStore storage;
  private volatile DiskQosPolicy qos;

  StorageNodes(VmHost host, StorageClusterStore storage) {
    this.host = host;
    this.storage = storage;
  }

  static String volumePath(StorageCluster sc, String diskId) {
    return Path.of(sc.path()).resolve("disks").resolve(diskId + ".qcow2").toString();
  }

  StorageCluster of(Disk d) throws JobFailedException {
    return storage.get(d.storageClusterId())
        .orElseThrow(() -> new JobFailedException("storage cluster " + d.storageClusterId() + " no longer exists"));
  }

  DataDiskDefinition definition(Disk d) throws JobFailedException {
    return definition(d, d.sizeGiB());
  }

  /** The disk as a VM has it, with its I/O limits at {@code sizeGiB} (ADR 0025; none when QoS is off). */
  DataDiskDefinition definition(Disk d, int sizeGiB) throws JobFailedException {
    DiskQosPolicy q = qos;
    return new DataDiskDefinition(d.id(), volumePath(of(d), d.id()), d.target(),
        q == null ? null : q.effective(d.id(), sizeGiB));
  }

  /** Disk QoS (ADR 0025): set once at start. */
  void useQos(DiskQosPolicy policy) {
    this.qos = policy;
  }

  /** Sends the command to a CONNECTED node of the storage's compute cluster. */
  <R extends AgentReply> R call(StorageCluster sc, AgentCommand command, Class<R> reply)
      throws JobFailedException, InterruptedException {
    String node = host.anyConnectedNode(sc.clusterId()).orElseThrow(() -> new JobFailedException(
        "no CONNECTED node of cluster " + sc.clusterId() + " reaches storage cluster " + sc.name()));
    return host.call(node, command, reply, TIMEOUT);
  }

  void measured(StorageCluster sc, StorageReply figures) {
    if (figures != null) {
      storage.measured(sc.id(), figures.capacityBytes(), figures.usedBytes());
    }
  }
}
