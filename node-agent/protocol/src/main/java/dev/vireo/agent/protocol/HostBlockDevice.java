package dev.vireo.agent.protocol;

import java.util.List;

/** A block device of the host (/sys/block, its partitions, their mount points from /proc/mounts). */
public record HostBlockDevice(
    String name, String type, long sizeBytes, boolean rotational, boolean readOnly, String model,
    List<String> mountPoints) {}
