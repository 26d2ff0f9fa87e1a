package dev.vireo.api.model;

/**
 * A virtual machine. {@code stateReason} says why it is FAILED, UNKNOWN, or stopped by something
 * other than a request (e.g. its node failed); {@code haMode} decides what happens then.
 */
public record Vm(
    String id,
    String name,
    String description,
    VmState state,
    String stateReason,
    String clusterId,
    String nodeId,
    String imageId,
    String specId,
    int cpu,
    int memoryGiB,
    int systemDiskGiB,
    BootMode bootMode,
    java.time.Instant createdAt,
    java.time.Instant updatedAt,
    HaMode haMode) {}
