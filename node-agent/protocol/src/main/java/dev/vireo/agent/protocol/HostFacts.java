package dev.vireo.agent.protocol;

/** What a node reports about its hardware and hypervisor. */
public record HostFacts(
    String hostname,
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
    String hypervisorVersion) {}
