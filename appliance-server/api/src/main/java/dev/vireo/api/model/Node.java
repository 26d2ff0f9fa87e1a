package dev.vireo.api.model;

/**
 * A compute node and its agent; a locked node takes no new VMs (its own keep running), and
 * {@code schedulingStatus} also says whether it is entering or in maintenance (then it is locked too).
 */
public record Node(
    String id,
    String clusterId,
    String hostname,
    String agentUrl,
    NodeState state,
    String arch,
    String cpuModel,
    int cpus,
    int sockets,
    int coresPerSocket,
    int threadsPerCore,
    long memoryBytes,
    String serial,
    String domainType,
    String libvirtVersion,
    int vmCount,
    java.time.Instant lastHeartbeatAt,
    java.time.Instant createdAt,
    boolean locked,
    NodeSchedulingStatus schedulingStatus) {}
