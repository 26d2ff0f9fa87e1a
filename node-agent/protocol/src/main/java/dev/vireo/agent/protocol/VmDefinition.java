package dev.vireo.agent.protocol;

/**
 * Everything an agent needs to define a VM's domain. Paths are on the shared storage root.
 *
 * @param domainName libvirt domain name (the VM id)
 * @param title the VM's display name, stored as the domain title
 * @param bootMode {@code BIOS} or {@code UEFI}
 * @param nvramPath per-VM UEFI variable store (ignored for BIOS)
 * @param vncPassword password of the VNC display, which listens on {@code vncListen} only
 */
public record VmDefinition(
    String vmId,
    String domainName,
    String title,
    int vcpus,
    long memoryMiB,
    String systemDiskPath,
    String bootMode,
    String nvramPath,
    String serialLogPath,
    String vncListen,
    String vncPassword) {}
