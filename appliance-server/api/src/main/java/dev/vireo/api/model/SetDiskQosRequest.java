package dev.vireo.api.model;

/**
 * Body of {@code PUT /api/v1/disks/{id}/qos}: the disk's own limits, each required; IOPS 0..50000,
 * MB/s 0..1000, 0 = unlimited.
 */
public record SetDiskQosRequest(Integer readIops, Integer writeIops, Integer readMBps, Integer writeMBps) {}
