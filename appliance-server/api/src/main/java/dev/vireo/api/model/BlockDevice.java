package dev.vireo.api.model;

import java.util.List;

/** A host block device: a disk or a partition, with where it is mounted. */
public record BlockDevice(
    String name, String type, long sizeBytes, boolean rotational, boolean readOnly, String model,
    List<String> mountPoints) {}
