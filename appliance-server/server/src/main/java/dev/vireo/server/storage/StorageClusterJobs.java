package dev.vireo.server.storage;

import dev.vireo.agent.protocol.ProbeStorageCommand;
import dev.vireo.agent.protocol.StorageReply;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeState;
import dev.vireo.api.model.StorageCluster;
import dev.vireo.api.model.StorageClusterState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.node.NodeStore;
import dev.vireo.server.vm.VmHost;
import java.util.ArrayList;
import java.util.List;

/**
 * Storage cluster jobs. Registering one checks on every CONNECTED node of its compute cluster that
 * the admin mounted the path there (ProbeStorage): one node without it fails the job, naming the
 * node, and the record goes again. Refreshing measures the figures through one node.
 */
public final class StorageClusterJobs {
  /** A storage cluster. */
  public record Context(String storageClusterId) {}

  /** A node that registered: it must mount its cluster's storage clusters. */
  public record NodeContext(String nodeId) {}

  private final StorageClusterStore storage;
  private final NodeStore nodeStore;
  private final VmHost host;
  private final StorageNodes nodes;
  private final EventBus events;

  public StorageClusterJobs(StorageClusterStore storage, NodeStore nodeStore, VmHost host, EventBus events) {
    this.storage = storage;
    this.nodeStore = nodeStore;
    this.host = host;
    this.nodes = new StorageNodes(host, storage);
    this.events = events;
  }

  public List<JobType<?>> all() {
    return List.of(create(), refresh(), delete(), sync());
  }

  private StorageCluster get(Context c) throws JobFailedException {
    return storage.get(c.storageClusterId())
        .orElseThrow(() -> new JobFailedException("storage cluster " + c.storageClusterId() + " no longer exists"));
  }

  public JobType<Context> create() {
    Step<Context> probe = Step.of("Check the mount on the cluster's nodes", c -> {
      StorageCluster sc = get(c);
      List<String> checked = new ArrayList<>();
      StorageReply last = null;
      for (Node n : nodeStore.list()) {
        if (sc.clusterId().equals(n.clusterId()) && n.state() == NodeState.CONNECTED) {
          try {
            last = host.call(n.id(), new ProbeStorageCommand(sc.path()), StorageReply.class, StorageNodes.TIMEOUT);
          } catch (JobFailedException e) {
            throw new JobFailedException("node " + n.hostname() + " (" + n.id() + "): " + e.getMessage());
          }
          checked.add(n.id());
        }
      }
      if (checked.isEmpty()) {
        throw new JobFailedException("cluster " + sc.clusterId() + " has no CONNECTED node to check " + sc.path() + " on");
      }
      nodes.measured(sc, last);
    });
    return new JobType<>() {
      @Override
      public String name() {
        return "CREATE_STORAGE_CLUSTER";
      }

      @Override
      public Class<Context> contextType() {
        return Context.class;
      }

      @Override
      public List<Step<Context>> steps() {
        return List.of(probe);
      }

      @Override
      public void onSuccess(Context c) {
        storage.setState(c.storageClusterId(), StorageClusterState.AVAILABLE);
        events.publish("storage-cluster", c.storageClusterId(), StorageClusterState.AVAILABLE.name());
      }

      @Override
      public void onFailure(Context c, String reason) {
        storage.delete(c.storageClusterId()); // nothing was made on the storage but disks/
        events.publish("storage-cluster", c.storageClusterId(), "DELETED");
      }
    };
  }

  /**
   * Checks on a node that registered (a new one, or one back) that every storage cluster of its
   * cluster is mounted there; a missing mount fails the job naming the storage cluster and path,
   * so the admin sees it before a VM with a disk there starts on that node.
   */
  public JobType<NodeContext> sync() {
    return JobType.single("STORAGE_SYNC", NodeContext.class, Step.of("Check the cluster's storage mounts", c -> {
      Node node = nodeStore.get(c.nodeId()).orElseThrow(() -> new JobFailedException("node " + c.nodeId() + " is unknown"));
      List<String> missing = new ArrayList<>();
      for (StorageCluster sc : storage.list()) {
        if (!sc.clusterId().equals(node.clusterId()) || sc.defaultForCluster()
            || sc.state() != StorageClusterState.AVAILABLE) {
          continue;
        }
        try {
          host.call(node.id(), new ProbeStorageCommand(sc.path()), StorageReply.class, StorageNodes.TIMEOUT);
        } catch (JobFailedException e) {
          missing.add("storage cluster " + sc.name() + " (" + sc.path() + "): " + e.getMessage());
        }
      }
      if (!missing.isEmpty()) {
        throw new JobFailedException("node " + node.hostname() + " lacks " + String.join("; ", missing));
      }
    }));
  }

  public JobType<Context> refresh() {
    return JobType.single("REFRESH_STORAGE_CLUSTER", Context.class, Step.of("Measure the storage", c -> {
      StorageCluster sc = get(c);
      nodes.measured(sc, nodes.call(sc, new ProbeStorageCommand(sc.path()), StorageReply.class));
    }));
  }

  public JobType<Context> delete() {
    return JobType.single("DELETE_STORAGE_CLUSTER", Context.class, Step.of("Forget the storage cluster", c -> {
      storage.delete(c.storageClusterId());
      events.publish("storage-cluster", c.storageClusterId(), "DELETED");
    }));
  }
}
