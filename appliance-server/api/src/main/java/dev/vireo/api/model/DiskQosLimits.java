package dev.vireo.api.model;

/**
 * A disk's I/O limits (issue 5 D3, ADR 0025): read/write IOPS and MB/s (10^6 bytes/s), 0 =
 * unlimited. {@code source}: OVERRIDE (set on the disk), FORMULA (from its size) or OFF (the global
 * switch {@code [storage] disk_qos} is off: nothing is limited; the values are what would apply).
 */
public record DiskQosLimits(String diskId, String source, int readIops, int writeIops, int readMBps, int writeMBps) {}
