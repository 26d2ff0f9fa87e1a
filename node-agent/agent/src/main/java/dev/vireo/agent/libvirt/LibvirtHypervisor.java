package dev.vireo.agent.libvirt;

import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.command.Hypervisor;
import dev.vireo.agent.protocol.DataDiskDefinition;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.DomainStatus;
import dev.vireo.agent.protocol.HostFacts;
import dev.vireo.agent.protocol.VmDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hypervisor over libvirt-java: one shared connection (reopened when libvirtd restarts),
 * libvirt's event loop on its own daemon thread, lifecycle events handed to an executor.
 */
public final class LibvirtHypervisor implements Hypervisor, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LibvirtHypervisor.class);
  private static final Pattern VNC_PORT = Pattern.compile("<graphics type='vnc' port='(\\d+)'");
  private static final Pattern SPICE_PORT = Pattern.compile("<graphics type='spice' port='(\\d+)'");
  private static final int UNDEFINE_MANAGED_SAVE_SNAPSHOTS_NVRAM = 1 | 2 | 4;
  /** VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | SNAPSHOTS_METADATA | KEEP_NVRAM. */
  static final int UNDEFINE_MANAGED_SAVE_SNAPSHOTS_KEEP_NVRAM = 1 | 2 | 8;

  /** How long a guest may take to act on the ACPI reboot request before it is reset. */
  static final long REBOOT_GRACE_SECONDS = 60;
  private static final long REBOOT_RETRY_SECONDS = 10;
  private final Map<String, CountDownLatch> rebootsAwaited = new ConcurrentHashMap<>();
  private final String uri;
  private final String domainTypeSetting;
  private final ExecutorService eventHandoff = Executors.newSingleThreadExecutor(r -> daemon(r, "libvirt-events"));
  private volatile Connect connection;
  private volatile HostCapabilities capabilities;
  private volatile CpuModels cpuModels;
  private volatile LifecycleSink sink;

  /**
   * Connections closed or replaced, kept reachable for the life of the JVM: libvirt keeps the
   * event callbacks registered on them (libvirt-java 0.5 cannot remove a reboot listener), and a
   * callback whose JNA object was garbage-collected crashes the process when an event arrives.
   */
  private static final List<Connect> RETIRED = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static boolean eventLoopStarted;
  private volatile org.libvirt.event.LifecycleListener lifecycleListener;

  /** {@code domainType}: {@code auto} (from capabilities and the host's KVM), {@code kvm} or {@code qemu}. */
  public LibvirtHypervisor(String uri, String domainType) {
    this.uri = uri;
    this.domainTypeSetting = domainType;
    startEventLoop();
    connect();
  }

  /** libvirt's default event loop: registered once per process and run by exactly one thread. */
  private static synchronized void startEventLoop() {
    if (eventLoopStarted) {
      return;
    }
    try {
      Connect.setErrorCallback((pointer, error) -> { }); // errors arrive as exceptions instead
      Library.initEventLoop();
    } catch (LibvirtException e) {
      throw new IllegalStateException("libvirt event loop: " + e.getMessage(), e);
    }
    daemon(() -> {
      try {
        Library.runEventLoop();
      } catch (Exception e) {
        LOG.error("libvirt event loop ended", e);
      }
    }, "libvirt-event-loop").start();
    eventLoopStarted = true;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private synchronized Connect connect() {
    try {
      if (connection != null && connection.isAlive()) {
        return connection;
      }
    } catch (LibvirtException e) {
      LOG.warn("libvirt connection lost: {}", e.getMessage());
    }
    try {
      if (connection != null) {
        RETIRED.add(connection); // lost: its callbacks must stay reachable
      }
      Connect c = new Connect(uri, false);
      c.setKeepAlive(5, 3);
      capabilities = HostCapabilities.parse(c.getCapabilities(), AccelerationProbe.ofHost(), domainTypeSetting);
      cpuModels = readCpuModels(capabilities);
      connection = c;
      c.addRebootListener(domain -> {
        // libvirt's event thread: only count the latch down
        try {
          CountDownLatch seen = rebootsAwaited.get(domain.getName());
          if (seen != null) {
            seen.countDown();
          }
        } catch (LibvirtException e) {
          LOG.debug("reboot event: {}", e.getMessage());
        }
      });
      if (sink != null) {
        registerListener(c);
      }
      LOG.info("connected to {} (domain type {})", uri, capabilities.domainType());
      return c;
    } catch (LibvirtException e) {
      throw new CommandFailedException("LIBVIRT_ERROR", "cannot connect to " + uri + ": " + e.getMessage(), e);
    }
  }

  private Connect conn() {
    return connect();
  }

  private interface DomainCall<T> {
    T apply(Domain d) throws LibvirtException;
  }

  private <T> T withDomain(String name, DomainCall<T> call) {
    Domain d;
    try {
      d = conn().domainLookupByName(name);
    } catch (LibvirtException e) {
      if (e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
        throw new CommandFailedException("DOMAIN_NOT_FOUND", "domain " + name + " is not defined");
      }
      throw libvirtError(e);
    }
    try {
      return call.apply(d);
    } catch (LibvirtException e) {
      throw libvirtError(e);
    } finally {
      free(d);
    }
  }

  private static CommandFailedException libvirtError(LibvirtException e) {
    return new CommandFailedException("LIBVIRT_ERROR", e.getError().getMessage(), e);
  }

  private static void free(Domain d) {
    try {
      d.free();
    } catch (LibvirtException e) {
      LOG.debug("free: {}", e.getMessage());
    }
  }

  @Override
  public DomainPowerState state(String domain) {
    try {
      return withDomain(domain, d -> map(d.getInfo().state));
    } catch (CommandFailedException e) {
      if ("DOMAIN_NOT_FOUND".equals(e.code())) {
        return DomainPowerState.ABSENT;
      }
      throw e;
    }
  }

  static DomainPowerState map(org.libvirt.DomainInfo.DomainState s) {
    return switch (s) {
      case VIR_DOMAIN_RUNNING -> DomainPowerState.RUNNING;
      case VIR_DOMAIN_BLOCKED -> DomainPowerState.BLOCKED;
      case VIR_DOMAIN_PAUSED -> DomainPowerState.PAUSED;
      case VIR_DOMAIN_SHUTDOWN -> DomainPowerState.SHUTTING_DOWN;
      case VIR_DOMAIN_SHUTOFF -> DomainPowerState.SHUTOFF;
      case VIR_DOMAIN_CRASHED -> DomainPowerState.CRASHED;
      case VIR_DOMAIN_PMSUSPENDED -> DomainPowerState.PMSUSPENDED;
      default -> DomainPowerState.NOSTATE;
    };
  }

  @Override
  public String guestAgentCommand(String domain, String json, int timeoutSeconds) {
    return withDomain(domain, d -> {
      try {
        return d.qemuAgentCommand(json, timeoutSeconds, 0);
      } catch (LibvirtException e) {
        throw new CommandFailedException("GUEST_AGENT_UNAVAILABLE", "the guest agent of " + domain
            + " does not answer: " + e.getError().getMessage(), e);
      }
    });
  }

  @Override
  public Integer vncPort(String domain) {
    return graphicsPort(domain, VNC_PORT);
  }

  @Override
  public Integer spicePort(String domain) {
    return graphicsPort(domain, SPICE_PORT);
  }

  private Integer graphicsPort(String domain, Pattern portPattern) {
    return withDomain(domain, d -> {
      Matcher m = portPattern.matcher(d.getXMLDesc(0));
      return m.find() ? Integer.valueOf(m.group(1)) : null;
    });
  }

  @Override
  public void define(VmDefinition vm, DomainDevices devices) {
    try {
      String xml;
      try {
        xml = DomainXmlBuilder.build(vm, capabilities(), existingUuid(vm), devices, cpuModels);
      } catch (IllegalArgumentException e) {
        throw new CommandFailedException("CPU_MODE_UNSUPPORTED", "cannot define " + vm.domainName() + " with CPU mode "
            + vm.cpuMode() + ": " + e.getMessage(), e);
      }
      if (vm.nvramPath() != null && !vm.nvramPath().isBlank()) {
        Files.createDirectories(Path.of(vm.nvramPath()).getParent());
      }
      free(conn().domainDefineXML(xml));
    } catch (LibvirtException e) {
      throw libvirtError(e);
    } catch (java.io.IOException e) {
      throw new CommandFailedException("IO_ERROR", "cannot create VM directory: " + e.getMessage(), e);
    }
  }

  private String existingUuid(VmDefinition vm) throws LibvirtException {
    try {
      Domain d = conn().domainLookupByName(vm.domainName());
      try {
        return d.getUUIDString();
      } finally {
        d.free();
      }
    } catch (LibvirtException e) {
      if (e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
        return DomainXmlBuilder.uuid(vm.vmId());
      }
      throw e;
    }
  }

  /**
   * The CPU modes of the domain type this agent uses, from {@code virsh domcapabilities} (libvirt-java
   * 0.5 has no binding for it); unreadable capabilities leave QEMU's default model (logged).
   */
  private CpuModels readCpuModels(HostCapabilities host) {
    try {
      Process p = new ProcessBuilder("virsh", "-c", uri, "domcapabilities", "--virttype", host.domainType(),
          "--arch", host.arch()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        LOG.warn("virsh domcapabilities failed; CUSTOM VMs get QEMU's default CPU model: {}", out.strip());
        return CpuModels.UNKNOWN;
      }
      CpuModels m = CpuModels.parse(out);
      LOG.info("CPU modes: custom model {}, host-passthrough {}, maximum {}", m.customModel(), m.hostPassthrough(),
          m.maximum());
      return m;
    } catch (java.io.IOException | IllegalArgumentException e) {
      LOG.warn("cannot read domain capabilities; CUSTOM VMs get QEMU's default CPU model: {}", e.getMessage());
      return CpuModels.UNKNOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CpuModels.UNKNOWN;
    }
  }

  // --- vm operations: suspend to file, restore, CPU hot-add ---

  /** {@code virDomainSave}: memory and device state to {@code file}; the domain stays defined, shut off. */
  @Override
  public void save(String domain, Path file) {
    withDomain(domain, d -> {
      d.save(file.toString());
      return null;
    });
  }

  /** {@code virDomainRestore}: runs the saved domain again (the defined domain of that name and UUID). */
  @Override
  public void restore(Path file) {
    try {
      conn().restore(file.toString());
    } catch (LibvirtException e) {
      throw libvirtError(e);
    }
  }

  /** VIR_DOMAIN_AFFECT_LIVE (1) | VIR_DOMAIN_AFFECT_CONFIG (2); CONFIG only when shut off. */
  @Override
  public void setVcpus(String domain, int vcpus) {
    withDomain(domain, d -> {
      int max = d.getMaxVcpus();
      if (vcpus > max) {
        throw new CommandFailedException("ABOVE_MAX_VCPUS", "domain " + domain + " was defined with at most " + max
            + " vCPUs; " + vcpus + " needs a stop and a resize");
      }
      d.setVcpusFlags(vcpus, d.isActive() == 1 ? 1 | 2 : 2);
      return null;
    });
  }

  @Override
  public int vcpus(String domain) {
    return withDomain(domain, d -> d.isActive() == 1 ? d.getInfo().nrVirtCpu : currentVcpusInConfig(d));
  }

  private static final Pattern VCPU = Pattern.compile("<vcpu([^>]*)>(\\d+)</vcpu>");
  private static final Pattern CURRENT = Pattern.compile("current=['\"](\\d+)['\"]");

  /** The vCPUs online at the next start: {@code current} of the inactive definition, else its count. */
  private static int currentVcpusInConfig(Domain d) throws LibvirtException {
    Matcher m = VCPU.matcher(d.getXMLDesc(2));
    if (!m.find()) {
      return d.getInfo().nrVirtCpu;
    }
    Matcher current = CURRENT.matcher(m.group(1));
    return Integer.parseInt(current.find() ? current.group(1) : m.group(2));
  }

  private HostCapabilities capabilities() {
    conn();
    return capabilities;
  }

  @Override
  public void start(String domain) {
    withDomain(domain, Domain::create);
  }

  @Override
  public void pressPowerButton(String domain) {
    withDomain(domain, d -> {
      d.shutdown();
      return null;
    });
  }

  @Override
  public void destroy(String domain) {
    withDomain(domain, d -> {
      if (d.isActive() == 1) {
        d.destroy();
      }
      return null;
    });
  }

  /**
   * Presses the ACPI power button with libvirt's reboot flag (the guest shuts down, QEMU is reset
   * and resumed) and waits for the reset; a guest that ignores the request is reset after
   * {@link #REBOOT_GRACE_SECONDS}. The guest agent path is not used: it cannot report failure.
   */
  @Override
  public void reboot(String domain) {
    CountDownLatch seen = new CountDownLatch(1);
    rebootsAwaited.put(domain, seen);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REBOOT_GRACE_SECONDS);
      // A press during early boot is lost (lab-facts), so press again until the reset is seen.
      do {
        withDomain(domain, d -> {
          try {
            d.reboot(Domain.RebootFlags.ACPI_POWER_BTN);
          } catch (LibvirtException e) {
            LOG.info("ACPI reboot of {} refused ({}), resetting", domain, e.getError().getMessage());
            d.reset();
            seen.countDown();
          }
          return null;
        });
      } while (!seen.await(REBOOT_RETRY_SECONDS, TimeUnit.SECONDS) && System.nanoTime() < deadline);
      if (seen.getCount() > 0) {
        LOG.info("{} ignored the ACPI reboot for {} s, resetting", domain, REBOOT_GRACE_SECONDS);
        withDomain(domain, d -> {
          d.reset();
          return null;
        });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException("INTERRUPTED", "reboot of " + domain + " interrupted");
    } finally {
      rebootsAwaited.remove(domain);
    }
  }

  @Override
  public List<String> nicMacs(String domain) {
    try {
      return DomainXmlBuilder.nicMacs(withDomain(domain, d -> d.getXMLDesc(0)));
    } catch (CommandFailedException e) {
      if ("DOMAIN_NOT_FOUND".equals(e.code())) {
        return List.of();
      }
      throw e;
    }
  }

  @Override
  public void undefine(String domain) {
    undefineWith(domain, UNDEFINE_MANAGED_SAVE_SNAPSHOTS_NVRAM);
  }

  @Override
  public void forget(String domain) {
    undefineWith(domain, UNDEFINE_MANAGED_SAVE_SNAPSHOTS_KEEP_NVRAM);
  }

  private void undefineWith(String domain, int flags) {
    try {
      withDomain(domain, d -> {
        d.undefine(flags);
        return null;
      });
    } catch (CommandFailedException e) {
      if (!"DOMAIN_NOT_FOUND".equals(e.code())) {
        throw e;
      }
    }
  }

  /**
   * Live, peer-to-peer (the source libvirtd talks to the destination's), persistent on the
   * destination, undefined here, auto-converge (throttles a guest that dirties memory faster than
   * the link copies it).
   *
   * <p>UNSAFE: libvirt refuses a live migration of disks with a cache mode other than none unless
   * it knows the storage is shared (NFS, GFS2, Ceph...). Every Vireo node mounts the same shared
   * storage directory at the same path (in the lab: one directory of the machine seen by all node
   * namespaces), which libvirt cannot recognise as shared; the disks are not copied and QEMU hands
   * them over at the switch-over, so the flag only silences that check. It is not an option for
   * nodes without a common storage directory.
   */
  @Override
  public Migration migrate(String domain, String destinationUri, Long maxDowntimeMillis) {
    long flags = Domain.MigrateFlags.LIVE | Domain.MigrateFlags.PEER2PEER | Domain.MigrateFlags.PERSIST_DEST
        | Domain.MigrateFlags.UNDEFINE_SOURCE | Domain.MigrateFlags.UNSAFE | Domain.MigrateFlags.AUTO_CONVERGE;
    long started = System.nanoTime();
    withDomain(domain, d -> {
      if (maxDowntimeMillis != null) {
        try {
          d.migrateSetMaxDowntime(maxDowntimeMillis);
        } catch (LibvirtException e) {
          LOG.info("cannot set the maximum downtime of {}: {}", domain, e.getError().getMessage());
        }
      }
      return d.migrateToURI(destinationUri, flags, null, 0);
    });
    long total = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    Long downtime = null;
    Long data = null;
    // The destination keeps the completed job's statistics (sent along by the source at the end).
    try {
      Connect dest = new Connect(destinationUri, false);
      try {
        Domain d = dest.domainLookupByName(domain);
        try {
          // COMPLETED | KEEP_COMPLETED: reading would otherwise discard them (virsh domjobinfo --completed)
          org.libvirt.DomainJobStats stats = d.getJobStats(1 | 2);
          for (org.libvirt.TypedParameter p : stats.stats) {
            switch (p.field) {
              case "downtime" -> downtime = Long.valueOf(p.getValueAsString());
              case "data_processed" -> data = Long.valueOf(p.getValueAsString());
              default -> { }
            }
          }
        } finally {
          free(d);
        }
      } finally {
        dest.close();
      }
    } catch (LibvirtException | RuntimeException e) {
      LOG.info("no completed-migration statistics for {} on {}: {}", domain, destinationUri, e.getMessage());
    }
    return new Migration(total, downtime, data);
  }

  // --- data disks (ADR 0021) ---
  private static final int AFFECT_LIVE = 1;
  private static final int AFFECT_CONFIG = 2;
  private static final int XML_INACTIVE = 2;
  private static final int BLOCK_RESIZE_BYTES = 1;
  private static final long DETACH_WAIT_MILLIS = 30_000;

  @Override
  public Map<String, String> dataDisks(String domain, boolean live) {
    try {
      return withDomain(domain, d -> DomainDisks.dataDisks(d.getXMLDesc(live ? 0 : XML_INACTIVE)));
    } catch (CommandFailedException e) {
      if ("DOMAIN_NOT_FOUND".equals(e.code())) {
        return Map.of();
      }
      throw e;
    }
  }

  // secure VM console (ADR 0030): a new password per ticket, refused by QEMU after the ticket's expiry
  @Override
  public int setDisplayPassword(String domain, String password, java.time.Instant validUntil) {
    return setGraphicsPassword(domain, "vnc", VNC_PORT, password, validUntil);
  }

  @Override
  public int setSpicePassword(String domain, String password, java.time.Instant validUntil) {
    return setGraphicsPassword(domain, "spice", SPICE_PORT, password, validUntil);
  }

  private int setGraphicsPassword(String domain, String type, Pattern portPattern, String password,
      java.time.Instant validUntil) {
    return withDomain(domain, d -> {
      String xml = d.getXMLDesc(0);
      Matcher m = portPattern.matcher(xml);
      if (!m.find()) {
        throw new CommandFailedException("NO_DISPLAY", "domain " + domain + " has no " + type.toUpperCase()
            + " display with a port");
      }
      int port = Integer.parseInt(m.group(1));
      String listen = DomainXmlBuilder.graphicsListen(xml, type);
      String until = java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
          validUntil.atOffset(java.time.ZoneOffset.UTC).withNano(0));
      d.updateDeviceFlags("<graphics type='" + type + "' port='" + port + "' autoport='yes' listen='"
          + DomainXmlBuilder.esc(listen) + "' passwd='" + DomainXmlBuilder.esc(password) + "' passwdValidTo='" + until
          + "'><listen type='address' address='" + DomainXmlBuilder.esc(listen) + "'/></graphics>", AFFECT_LIVE);
      return port;
    });
  }

  // ISO install (ADR 0029)
  @Override
  public void ejectCdrom(String domain, boolean live) {
    withDomain(domain, d -> {
      if (d.getXMLDesc(XML_INACTIVE).contains("device='cdrom'")
          || (live && d.getXMLDesc(0).contains("device='cdrom'"))) {
        d.updateDeviceFlags(DomainXmlBuilder.emptyCdrom(), AFFECT_CONFIG | (live ? AFFECT_LIVE : 0));
      }
      return null;
    });
  }

  // --- devices (ADR 0027) ---
  @Override
  public void attachDevice(String domain, String deviceXml, boolean live) {
    withDomain(domain, d -> {
      d.attachDeviceFlags(deviceXml, AFFECT_CONFIG | (live ? AFFECT_LIVE : 0));
      return null;
    });
  }

  @Override
  public void detachDevice(String domain, String deviceXml, boolean live) {
    withDomain(domain, d -> {
      d.detachDeviceFlags(deviceXml, AFFECT_CONFIG | (live ? AFFECT_LIVE : 0));
      return null;
    });
  }

  @Override
  public String domainXml(String domain, boolean live) {
    try {
      return withDomain(domain, d -> d.getXMLDesc(live ? 0 : XML_INACTIVE));
    } catch (CommandFailedException e) {
      if ("DOMAIN_NOT_FOUND".equals(e.code())) {
        return null;
      }
      throw e;
    }
  }
  // --- end devices ---

  @Override
  public void attachDisk(String domain, DataDiskDefinition disk, boolean live) {
    String xml = DomainXmlBuilder.dataDisk(disk);
    withDomain(domain, d -> {
      d.attachDeviceFlags(xml, AFFECT_CONFIG | (live ? AFFECT_LIVE : 0));
      return null;
    });
  }

  /**
   * libvirt returns from a live detach once it asked the guest (ACPI eject), which may take a
   * moment to let go: wait until the disk left the running domain, so the volume is free when the
   * server marks it available.
   */
  @Override
  public void detachDisk(String domain, DataDiskDefinition disk, boolean live) {
    String xml = DomainXmlBuilder.dataDisk(disk);
    if (dataDisks(domain, false).containsKey(disk.target())) {
      withDomain(domain, d -> {
        d.detachDeviceFlags(xml, AFFECT_CONFIG);
        return null;
      });
    }
    if (!live || !dataDisks(domain, true).containsKey(disk.target())) {
      return;
    }
    withDomain(domain, d -> {
      d.detachDeviceFlags(xml, AFFECT_LIVE);
      return null;
    });
    long deadline = System.currentTimeMillis() + DETACH_WAIT_MILLIS;
    while (dataDisks(domain, true).containsKey(disk.target())) {
      if (System.currentTimeMillis() > deadline) {
        throw new CommandFailedException("DETACH_TIMEOUT", "the guest of " + domain + " did not release "
            + disk.target() + " within " + DETACH_WAIT_MILLIS / 1000 + " s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CommandFailedException("INTERRUPTED", "agent is stopping");
      }
    }
  }

  // --- storage live migration (ADR 0026) ---

  private static final long BLOCK_COPY_TIMEOUT_MILLIS = Long.getLong("vireo.blockCopyTimeoutMillis", 3_600_000L);

  /**
   * {@code virDomainBlockCopy} through libvirt-java (0.5.4 binds it, so no virsh subprocess): a
   * full copy (no SHALLOW: the copy does not need the source's backing image) into a file libvirt
   * creates, TRANSIENT_JOB so a persistent domain may run it; polled with {@code
   * virDomainGetBlockJobInfo} until cur == end (the mirror is ready), then {@code
   * virDomainBlockJobAbort(PIVOT)}. Any failure aborts the job without pivot.
   */
  @Override
  public void blockCopy(String domain, String target, String dest) {
    String xml = "<disk type='file'><source file='" + dest.replace("&", "&amp;").replace("'", "&apos;")
        .replace("<", "&lt;") + "'/><driver type='qcow2'/></disk>";
    withDomain(domain, d -> {
      // libvirt-java cannot pass an empty parameter array (JNA): bandwidth 0 = unlimited
      d.blockCopy(target, xml, new org.libvirt.TypedParameter[] {new org.libvirt.TypedUlongParameter("bandwidth", 0)},
          Domain.BlockCopyFlags.TRANSIENT_JOB);
      return null;
    });
    long deadline = System.currentTimeMillis() + BLOCK_COPY_TIMEOUT_MILLIS;
    long lastLogged = 0;
    try {
      while (true) {
        org.libvirt.DomainBlockJobInfo info = withDomain(domain, d -> d.getBlockJobInfo(target, 0));
        if (info.type == 0) {
          throw new CommandFailedException("BLOCK_COPY_FAILED", "the copy job of " + domain + " " + target
              + " ended before it was ready (see the libvirt log)");
        }
        if (info.end > 0 && info.cur == info.end) {
          break;
        }
        if (System.currentTimeMillis() - lastLogged > 2000) {
          LOG.info("block copy of {} {}: {}%", domain, target, info.end == 0 ? 0 : info.cur * 100 / info.end);
          lastLogged = System.currentTimeMillis();
        }
        if (System.currentTimeMillis() > deadline) {
          throw new CommandFailedException("BLOCK_COPY_TIMEOUT", "the copy of " + domain + " " + target
              + " was not ready within " + BLOCK_COPY_TIMEOUT_MILLIS / 1000 + " s");
        }
        Thread.sleep(100);
      }
      withDomain(domain, d -> {
        d.blockJobAbort(target, Domain.BlockJobAbortFlags.PIVOT);
        return null;
      });
      LOG.info("block copy of {} {} pivoted to {}", domain, target, dest);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abortQuietly(domain, target);
      throw new CommandFailedException("INTERRUPTED", "agent is stopping");
    } catch (RuntimeException e) {
      abortQuietly(domain, target);
      throw e;
    }
  }

  // --- system disk migration and copy progress (ADR 0028) ---

  @Override
  public BlockJob blockJob(String domain, String target) {
    org.libvirt.DomainBlockJobInfo info = withDomain(domain, d -> d.getBlockJobInfo(target, 0));
    return info == null || info.type == 0 ? null : new BlockJob(info.cur, info.end);
  }

  @Override
  public String diskSource(String domain, String target, boolean live) {
    String xml = domainXml(domain, live);
    return xml == null ? null : DomainDisks.source(xml, target);
  }

  @Override
  public void repointDisk(String domain, String target, String file) {
    String xml = withDomain(domain, d -> d.getXMLDesc(XML_INACTIVE));
    try {
      free(conn().domainDefineXML(DomainDisks.withSource(xml, target, file)));
    } catch (LibvirtException e) {
      throw libvirtError(e);
    }
    LOG.info("persistent definition of {} now has {} at {}", domain, target, file);
  }

  private void abortQuietly(String domain, String target) {
    try {
      withDomain(domain, d -> {
        d.blockJobAbort(target, 0);
        return null;
      });
    } catch (RuntimeException e) {
      LOG.debug("no copy job to abort on {} {}: {}", domain, target, e.getMessage());
    }
  }

  @Override
  public void blockResize(String domain, String target, long sizeBytes) {
    withDomain(domain, d -> {
      d.blockResize(target, sizeBytes, BLOCK_RESIZE_BYTES);
      return null;
    });
  }

  /**
   * virsh blkdeviotune (virDomainSetBlockIoTune, which libvirt-java 0.5.4 does not bind): all four
   * values every time, 0 clearing a limit; --config always, --live when it runs.
   */
  @Override
  public void setBlockIoTune(String domain, String target, dev.vireo.agent.protocol.DiskQos qos, boolean live) {
    dev.vireo.agent.protocol.DiskQos q = qos == null ? new dev.vireo.agent.protocol.DiskQos(0, 0, 0, 0) : qos;
    List<String> command = new ArrayList<>(List.of("virsh", "-c", uri, "blkdeviotune", domain, target,
        "--read-bytes-sec", Long.toString(q.readMBps() * 1_000_000L),
        "--write-bytes-sec", Long.toString(q.writeMBps() * 1_000_000L),
        "--read-iops-sec", Integer.toString(q.readIops()),
        "--write-iops-sec", Integer.toString(q.writeIops()), "--config"));
    if (live) {
      command.add("--live");
    }
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new CommandFailedException("QOS_FAILED", "blkdeviotune " + domain + " " + target + " failed: "
            + out.strip());
      }
    } catch (java.io.IOException e) {
      throw new CommandFailedException("QOS_FAILED", "cannot run virsh: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException("INTERRUPTED", "agent is stopping");
    }
  }

  /**
   * QMP blockdev-snapshot(-delete)-internal-sync on the disk's qcow2 node (ADR 0025): libvirt's own
   * snapshot API makes internal snapshots of a running domain only with its memory and of every
   * disk, and external ones would grow a chain.
   */
  @Override
  public void liveInternalSnapshot(String domain, String volumePath, String name, boolean create) {
    withDomain(domain, d -> {
      String node = DomainDisks.formatNodeName(d.getXMLDesc(0), volumePath);
      if (node == null) {
        throw new CommandFailedException("VOLUME_NOT_FOUND", domain + " has no disk " + volumePath + " open");
      }
      String qmp = "{\"execute\":\"" + (create ? "blockdev-snapshot-internal-sync"
          : "blockdev-snapshot-delete-internal-sync") + "\",\"arguments\":{\"device\":\"" + node
          + "\",\"name\":\"" + name + "\"}}";
      String reply = d.qemuMonitorCommand(qmp, 0);
      if (reply != null && reply.contains("\"error\"")) {
        throw new CommandFailedException("SNAPSHOT_FAILED", "QEMU refused the snapshot " + name + " of "
            + volumePath + ": " + reply);
      }
      return null;
    });
  }

  @Override
  public DomainPowerState stateAt(String libvirtUri, String domain) {
    try {
      Connect c = new Connect(libvirtUri, true);
      try {
        Domain d = c.domainLookupByName(domain);
        try {
          return map(d.getInfo().state);
        } finally {
          free(d);
        }
      } finally {
        c.close();
      }
    } catch (LibvirtException e) {
      if (vanished(e)) {
        return DomainPowerState.ABSENT;
      }
      throw new CommandFailedException("LIBVIRT_ERROR", "cannot query " + domain + " at " + libvirtUri + ": "
          + e.getError().getMessage(), e);
    }
  }

  @Override
  public List<DomainStatus> domains(String prefix) {
    List<DomainStatus> out = new ArrayList<>();
    // a domain that vanishes while we list is skipped, not a failed heartbeat (see eachActive)
    try {
      Connect c = conn();
      eachActive(c, prefix, (name, d) -> out.add(new DomainStatus(name, map(d.getInfo().state), null)), false);
      for (String name : c.listDefinedDomains()) {
        if (name != null && name.startsWith(prefix)) {
          DomainPowerState s = state(name);
          if (s != DomainPowerState.ABSENT) {
            out.add(new DomainStatus(name, s, null));
          }
        }
      }
    } catch (LibvirtException e) {
      throw libvirtError(e);
    }
    return out;
  }

  // --- metrics (ADR 0033) ---
  /** VIR_DOMAIN_MEMORY_STAT_UNUSED, _RSS (KiB); at most this many statistics are asked for. */
  private static final int MEMORY_STAT_UNUSED = 4;
  private static final int MEMORY_STAT_RSS = 7;
  private static final int MEMORY_STATS_WANTED = 16;

  /**
   * Lists the active domains like {@link #domains}; per domain {@code virDomainGetInfo} (CPU time,
   * vCPUs, current memory), {@code virDomainMemoryStats}, and {@code virDomainBlockStats} and
   * {@code virDomainInterfaceStats} of the disks and taps its live XML names. A device libvirt has no
   * statistics for (e.g. hot-unplugged meanwhile) counts 0; a domain that stops meanwhile is skipped.
   */
  @Override
  public List<DomainCounters> domainCounters(String prefix) {
    List<DomainCounters> out = new ArrayList<>();
    try {
      eachActive(conn(), prefix, (name, d) -> out.add(counters(name, d)), true);
    } catch (LibvirtException e) {
      throw libvirtError(e);
    }
    return out;
  }

  /** What is done with one active domain of ours. */
  @FunctionalInterface
  private interface ActiveDomainVisitor {
    void visit(String name, Domain d) throws LibvirtException;
  }

  /**
   * Visits the active domains whose name starts with {@code prefix}. Domains start and stop while we
   * list them (ours, and anyone else's on the host): one that vanished between the listing and the
   * lookup is skipped. libvirt-java sizes the arrays before listing, so a shrinking list leaves id 0
   * entries behind. A visit that fails is skipped when {@code skipFailedVisits} (logged at DEBUG),
   * otherwise rethrown unless the domain vanished meanwhile.
   */
  private static void eachActive(Connect c, String prefix, ActiveDomainVisitor visitor, boolean skipFailedVisits)
      throws LibvirtException {
    for (int id : c.listDomains()) {
      if (id <= 0) {
        continue;
      }
      Domain d;
      try {
        d = c.domainLookupByID(id);
      } catch (LibvirtException e) {
        if (vanished(e)) {
          continue;
        }
        throw e;
      }
      try {
        String name = d.getName();
        if (name.startsWith(prefix)) {
          visitor.visit(name, d);
        }
      } catch (LibvirtException e) {
        if (skipFailedVisits) {
          LOG.debug("domain {} skipped: {}", id, e.getMessage());
        } else if (!vanished(e)) {
          throw e;
        }
      } finally {
        free(d);
      }
    }
  }

  private static DomainCounters counters(String name, Domain d) throws LibvirtException {
    org.libvirt.DomainInfo info = d.getInfo();
    String xml = d.getXMLDesc(0);
    long rdBytes = 0;
    long wrBytes = 0;
    long rdOps = 0;
    long wrOps = 0;
    for (String target : StatsDevices.diskTargets(xml)) {
      try {
        org.libvirt.DomainBlockStats b = d.blockStats(target);
        rdBytes += Math.max(0, b.rd_bytes);
        wrBytes += Math.max(0, b.wr_bytes);
        rdOps += Math.max(0, b.rd_req);
        wrOps += Math.max(0, b.wr_req);
      } catch (LibvirtException e) {
        LOG.debug("no block statistics for {} {}: {}", name, target, e.getMessage());
      }
    }
    long rxBytes = 0;
    long txBytes = 0;
    long rxPackets = 0;
    long txPackets = 0;
    for (String dev : StatsDevices.interfaceTargets(xml)) {
      try {
        org.libvirt.DomainInterfaceStats n = d.interfaceStats(dev);
        rxBytes += Math.max(0, n.rx_bytes);
        txBytes += Math.max(0, n.tx_bytes);
        rxPackets += Math.max(0, n.rx_packets);
        txPackets += Math.max(0, n.tx_packets);
      } catch (LibvirtException e) {
        LOG.debug("no interface statistics for {} {}: {}", name, dev, e.getMessage());
      }
    }
    Long unused = null;
    Long rss = null;
    try {
      for (org.libvirt.MemoryStatistic m : d.memoryStats(MEMORY_STATS_WANTED)) {
        if (m.getTag() == MEMORY_STAT_UNUSED) {
          unused = m.getValue() * 1024L;
        } else if (m.getTag() == MEMORY_STAT_RSS) {
          rss = m.getValue() * 1024L;
        }
      }
    } catch (LibvirtException e) {
      LOG.debug("no memory statistics for {}: {}", name, e.getMessage());
    }
    return new DomainCounters(name, info.cpuTime, info.nrVirtCpu, info.memory * 1024L, unused, rss, rdBytes,
        wrBytes, rdOps, wrOps, rxBytes, txBytes, rxPackets, txPackets);
  }

  private static boolean vanished(LibvirtException e) {
    return e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN;
  }

  @Override
  public HostFacts facts() {
    try {
      Connect c = conn();
      org.libvirt.NodeInfo info = c.nodeInfo();
      return HostFactsReader.read(c.getHostName(), capabilities().arch(), info.model, info.cpus,
          info.sockets * info.nodes, info.cores, info.threads, info.memory * 1024L,
          capabilities().domainType(), version(c.getLibVirVersion()), version(c.getVersion()));
    } catch (LibvirtException e) {
      throw libvirtError(e);
    }
  }

  private static String version(long v) {
    return (v / 1_000_000) + "." + (v / 1000 % 1000) + "." + (v % 1000);
  }

  @Override
  public synchronized void onLifecycleEvent(LifecycleSink sink) {
    this.sink = sink;
    registerListener(conn());
  }

  private void registerListener(Connect c) {
    try {
      org.libvirt.event.LifecycleListener listener = (domain, event) -> {
        // Runs on libvirt's event thread: read the name only, do the rest elsewhere.
        String name;
        try {
          name = domain.getName();
        } catch (LibvirtException e) {
          return 0;
        }
        String reason = event.getType() + "/" + event.getDetail();
        eventHandoff.submit(() -> {
          LifecycleSink s = sink;
          if (s != null) {
            s.changed(name, state(name), reason);
          }
        });
        return 0;
      };
      c.addLifecycleListener(listener);
      lifecycleListener = listener;
    } catch (LibvirtException e) {
      LOG.warn("cannot register lifecycle listener: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    eventHandoff.shutdownNow();
    Connect c = connection;
    if (c == null) {
      return;
    }
    try {
      if (lifecycleListener != null) {
        c.removeLifecycleListener(lifecycleListener);
      }
      c.close();
    } catch (LibvirtException e) {
      LOG.debug("close: {}", e.getMessage());
    } finally {
      RETIRED.add(c);
    }
  }
}
