package dev.vireo.agent.command;

import dev.vireo.agent.protocol.DataDiskDefinition;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.DomainStatus;
import dev.vireo.agent.protocol.HostFacts;
import dev.vireo.agent.protocol.VmDefinition;
import java.util.List;

/** What the agent needs from the hypervisor; implemented over libvirt in the libvirt package. */
public interface Hypervisor {

  /** Power state of a domain; {@link DomainPowerState#ABSENT} when it is not defined. */
  DomainPowerState state(String domain);

  /** The VNC port of a running domain, or null. */
  Integer vncPort(String domain);

  /** The SPICE port of a running domain, or null (ADR 0031). */
  default Integer spicePort(String domain) {
    return null;
  }

  /** Defines (or redefines) the domain with its NICs and seed disk as this node resolved them. */
  void define(VmDefinition vm, DomainDevices devices);

  /** A domain without NICs or seed. */
  default void define(VmDefinition vm) {
    define(vm, DomainDevices.NONE);
  }

  /**
   * What the node resolved for a definition: the Open vSwitch bridge of each of the VM's NICs (same
   * order as {@link VmDefinition#nics()}), the NoCloud seed image to attach read-only (or null), and
   * whether the guest must checksum its own packets ({@code softwareChecksums}: a NIC is on a
   * userspace-datapath bridge, which forwards a tap's partially checksummed packets as they are).
   */
  record DomainDevices(List<String> nicBridges, String seedImagePath, boolean softwareChecksums) {
    public static final DomainDevices NONE = new DomainDevices(List.of(), null);

    public DomainDevices {
      nicBridges = List.copyOf(nicBridges);
    }

    public DomainDevices(List<String> nicBridges, String seedImagePath) {
      this(nicBridges, seedImagePath, false);
    }
  }

  void start(String domain);

  /** Presses the ACPI power button once. */
  void pressPowerButton(String domain);

  void destroy(String domain);

  /** ACPI reboot, falling back to a hardware reset when the guest has no ACPI handler. */
  void reboot(String domain);

  /** Undefines the domain with its managed save and NVRAM; absent is fine. */
  void undefine(String domain);

  /**
   * Undefines a shut-off domain with its managed save and snapshot metadata but <em>keeps</em> its
   * NVRAM file (and never touches disks): they belong to the VM's new home. Absent is fine.
   */
  void forget(String domain);

  /**
   * Live-migrates a running domain to the libvirt at {@code destinationUri}: live, peer-to-peer,
   * persistent there, undefined here, auto-converge, and UNSAFE (see the implementation: all nodes
   * share one storage directory that libvirt does not recognise as shared). Blocks until done.
   */
  Migration migrate(String domain, String destinationUri, Long maxDowntimeMillis);

  /** The power state of a domain on another node's libvirt ({@code ABSENT} when not defined there). */
  DomainPowerState stateAt(String libvirtUri, String domain);

  /** What a migration measured; {@code downtimeMillis}/{@code dataBytes} null when libvirt did not say. */
  record Migration(long totalMillis, Long downtimeMillis, Long dataBytes) {}

  /**
   * Sends one QEMU guest agent command (JSON) to a running domain and returns its JSON answer;
   * {@code GUEST_AGENT_UNAVAILABLE} when the agent does not answer within {@code timeoutSeconds}.
   */
  default String guestAgentCommand(String domain, String json, int timeoutSeconds) {
    throw new CommandFailedException("GUEST_AGENT_UNAVAILABLE", "this hypervisor has no guest agent channel");
  }

  // --- data disks (ADR 0021) ---

  /**
   * The data disks (virtio, not read-only) of a domain by target, with their source files: of the
   * running guest when {@code live}, else of the persistent definition. Empty for an absent domain.
   */
  default java.util.Map<String, String> dataDisks(String domain, boolean live) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot list disks");
  }

  // --- devices (ADR 0027) ---
  /** Adds a device element to the persistent definition and, when {@code live}, to the running guest. */
  default void attachDevice(String domain, String deviceXml, boolean live) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot attach devices");
  }

  /** Removes a device element from the persistent definition and, when {@code live}, from the running guest. */
  default void detachDevice(String domain, String deviceXml, boolean live) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot detach devices");
  }

  /** The domain's XML (live or persistent), or null when it is not defined. */
  default String domainXml(String domain, boolean live) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot show domain XML");
  }
  // --- end devices ---

  /** Adds the disk to the running guest when {@code live} and always to the persistent definition. */
  default void attachDisk(String domain, DataDiskDefinition disk, boolean live) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot attach disks");
  }

  /**
   * Removes the disk from the persistent definition and, when {@code live}, from the running guest,
   * returning once the guest released it.
   */
  default void detachDisk(String domain, DataDiskDefinition disk, boolean live) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot detach disks");
  }

  // --- storage live migration (ADR 0026) ---

  /**
   * Moves the running domain's disk at {@code target} to a new qcow2 file {@code dest}: a full
   * block copy (the result has no backing file), mirrored until source and copy are in step, then
   * pivoted so the guest writes the copy. Returns after the pivot; the persistent definition is not
   * changed. On any failure the copy job is aborted, the guest keeps its source, and the exception
   * says why ({@code dest} may be left behind for the caller to delete).
   */
  default void blockCopy(String domain, String target, String dest) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot copy disks live");
  }

  // --- system disk migration and copy progress (ADR 0028) ---

  /** libvirt's figures for a block job on a disk: {@code cur} of {@code end} bytes. */
  record BlockJob(long cur, long end) {}

  /** The block job running on the domain's disk at {@code target}, or null when none runs. */
  default BlockJob blockJob(String domain, String target) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot report block jobs");
  }

  /**
   * The source file of the domain's disk at {@code target} ({@code vda}): of the running guest when
   * {@code live}, else of the persistent definition; null when the domain or the disk is absent.
   */
  default String diskSource(String domain, String target, boolean live) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot list disks");
  }

  /** Points the persistent definition's disk at {@code target} at {@code file}; the running guest is untouched. */
  default void repointDisk(String domain, String target, String file) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot repoint disks");
  }

  /** Grows an attached disk of a running domain to {@code sizeBytes} through QEMU's block layer. */
  default void blockResize(String domain, String target, long sizeBytes) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot resize disks online");
  }

  // --- disk snapshots and QoS (ADR 0025) ---

  /**
   * Sets the I/O limits of the data disk at {@code target} (0 = unlimited) in the persistent
   * definition and, when {@code live}, of the running guest.
   */
  default void setBlockIoTune(String domain, String target, dev.vireo.agent.protocol.DiskQos qos, boolean live) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot limit disk I/O");
  }

  /**
   * Creates ({@code create}) or deletes the qcow2 internal snapshot {@code name} of the disk a
   * running domain has open at {@code volumePath}, through QEMU's block layer (crash-consistent:
   * what the guest had written when it ran).
   */
  default void liveInternalSnapshot(String domain, String volumePath, String name, boolean create) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot snapshot disks online");
  }

  /**
   * The MACs of a defined domain's NICs (lower case), read before it is undefined or migrated away
   * so that its NIC filters can be removed; empty when it is not defined.
   */
  default List<String> nicMacs(String domain) {
    return List.of();
  }

  /**
   * Sets the running domain's VNC password, valid for new connections until {@code validUntil}
   * (ADR 0030); returns the display's port.
   */
  default int setDisplayPassword(String domain, String password, java.time.Instant validUntil) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor has no VNC display");
  }

  /** The same for the domain's SPICE display (ADR 0031); returns its port. */
  default int setSpicePassword(String domain, String password, java.time.Instant validUntil) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor has no SPICE display");
  }

  /** Removes the medium from the domain's CD-ROM drive (live too when {@code live}) and its persistent definition. */
  default void ejectCdrom(String domain, boolean live) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot eject media");
  }

  // --- vm operations: suspend to file, restore, CPU hot-add ---

  /** Saves a running domain's memory and device state to {@code file}; the domain stays defined, shut off. */
  default void save(String domain, java.nio.file.Path file) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot save a domain to a file");
  }

  /** Runs a domain again from the image {@link #save} wrote. */
  default void restore(java.nio.file.Path file) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot restore a domain from a file");
  }

  /** Sets the domain's vCPUs: hot-add (live and persistent) when it runs, persistent only when shut off. */
  default void setVcpus(String domain, int vcpus) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot change vCPUs");
  }

  /** The vCPUs online now (running) or at the next start (shut off). */
  default int vcpus(String domain) {
    throw new CommandFailedException("UNSUPPORTED", "this hypervisor cannot count vCPUs");
  }

  // --- metrics (ADR 0033) ---

  /**
   * Raw cumulative counters of one active (running or paused) domain, as libvirt reports them:
   * {@code cpuTimeNanos} the CPU time of all its vCPUs since it started, {@code vcpus} online,
   * {@code memoryBytes} its current memory (balloon size); from the balloon driver's statistics the
   * memory the guest leaves unused ({@code unusedMemoryBytes}, only when the guest reports it) and
   * the QEMU process's resident set ({@code rssBytes}), each null when libvirt has no figure; block
   * statistics summed over its disks and interface statistics summed over its NICs.
   */
  record DomainCounters(String domain, long cpuTimeNanos, int vcpus, long memoryBytes, Long unusedMemoryBytes,
      Long rssBytes, long diskReadBytes, long diskWriteBytes, long diskReadOps, long diskWriteOps,
      long networkReceiveBytes, long networkTransmitBytes, long networkReceivePackets,
      long networkTransmitPackets) {}

  /**
   * The counters of every active domain whose name starts with {@code prefix}; a domain that stops
   * while it is read is left out. Empty when this hypervisor keeps no statistics.
   */
  default List<DomainCounters> domainCounters(String prefix) {
    return List.of();
  }

  /** Every domain whose name starts with {@code prefix}. */
  List<DomainStatus> domains(String prefix);

  HostFacts facts();

  /** Registers the receiver of lifecycle events; called once at start. */
  void onLifecycleEvent(LifecycleSink sink);

  /** Receives lifecycle events; called off the hypervisor's event thread. */
  interface LifecycleSink {
    void changed(String domain, DomainPowerState state, String reason);
  }
}
