package dev.vireo.tests.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpServer;
import dev.vireo.agent.protocol.AgentCommand;
import dev.vireo.agent.protocol.AttachDiskCommand;
import dev.vireo.agent.protocol.CloneVolumeCommand;
import dev.vireo.agent.protocol.CreateVolumeCommand;
import dev.vireo.agent.protocol.DeleteVolumeCommand;
import dev.vireo.agent.protocol.DetachDiskCommand;
import dev.vireo.agent.protocol.ProbeStorageCommand;
import dev.vireo.agent.protocol.ResizeVolumeCommand;
import dev.vireo.agent.protocol.StorageReply;
import dev.vireo.agent.protocol.VolumeReply;
import dev.vireo.agent.protocol.VolumeFromSnapshotCommand;
import dev.vireo.agent.protocol.VolumeSnapshotCommand;
import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.agent.protocol.AgentReply;
import dev.vireo.agent.protocol.AgentTaskResult;
import dev.vireo.agent.protocol.CreateSystemDiskCommand;
import dev.vireo.agent.protocol.DefineVmCommand;
import dev.vireo.agent.protocol.EnsureDhcpCommand;
import dev.vireo.agent.protocol.EnsureNetworkCommand;
import dev.vireo.agent.protocol.NetworkReply;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.DomainStatus;
import dev.vireo.agent.protocol.DoneReply;
import dev.vireo.agent.protocol.DiskReply;
import dev.vireo.agent.protocol.ForgetDomainCommand;
import dev.vireo.agent.protocol.Heartbeat;
import dev.vireo.agent.protocol.HeartbeatReply;
import dev.vireo.agent.protocol.PeerReport;
import dev.vireo.agent.protocol.HostBlockDevice;
import dev.vireo.agent.protocol.HostDevicesReply;
import dev.vireo.agent.protocol.HostFacts;
import dev.vireo.agent.protocol.HostNetworkInterface;
import dev.vireo.agent.protocol.HostPciDevice;
import dev.vireo.agent.protocol.HostUsbDevice;
import dev.vireo.agent.protocol.ListHostDevicesCommand;
import dev.vireo.agent.protocol.NodeRegistration;
import dev.vireo.agent.protocol.RegistrationReply;
import dev.vireo.agent.protocol.SerialLogReply;
import dev.vireo.agent.protocol.VmStateReply;
import dev.vireo.agent.protocol.StartVmCommand;
import dev.vireo.agent.protocol.SuspendVmCommand;
import dev.vireo.agent.protocol.RestoreVmCommand;
import dev.vireo.agent.protocol.SetVcpusCommand;
import dev.vireo.agent.protocol.ShutdownVmCommand;
import dev.vireo.agent.protocol.PowerOffVmCommand;
import dev.vireo.agent.protocol.RebootVmCommand;
import dev.vireo.agent.protocol.MigrateVmCommand;
import dev.vireo.agent.protocol.MigrationReply;
import dev.vireo.agent.protocol.QueryVmCommand;
import dev.vireo.agent.protocol.UndefineVmCommand;
import dev.vireo.agent.protocol.DeleteVmFilesCommand;
import dev.vireo.agent.protocol.ReadSerialLogCommand;
import dev.vireo.agent.protocol.RemoveDhcpCommand;
import dev.vireo.agent.protocol.SetGuestRoutesCommand;
import dev.vireo.agent.protocol.ApplyNicFiltersCommand;
import dev.vireo.agent.protocol.NicFilter;
import dev.vireo.agent.protocol.NicFiltersReply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/**
 * A protocol-level stand-in for a node agent, for tests and benchmarks of the server alone
 * (inventory reads, job plumbing). It keeps its "domains" in memory. Every feature is also
 * tested with the real agent on real libvirt; this fake only spares the hypervisor where the
 * hypervisor is not what is measured.
 */
public final class FakeAgent implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final String serverUrl;
  private final String joinToken;
  private final String agentToken = "fake-agent-token";
  /** This fake agent process's id (see AgentHttp.INCARNATION_HEADER), one per fake agent. */
  private final String incarnation = java.util.UUID.randomUUID().toString();
  private final Map<String, DomainPowerState> domains = new ConcurrentHashMap<>();
  private final Map<String, DefineVmCommand> definitions = new ConcurrentHashMap<>();
  /** Networks this node was asked to carry, by id, with how many times. */
  private final Map<String, Integer> networks = new ConcurrentHashMap<>();
  private volatile String failNetworks;
  private final Map<String, EnsureDhcpCommand> dhcp = new ConcurrentHashMap<>();
  private final Map<String, SetGuestRoutesCommand> guestRoutes = new ConcurrentHashMap<>();
  private final java.util.Set<String> silentGuestAgents = ConcurrentHashMap.newKeySet();
  private final java.util.List<AgentCommand> dhcpCommands = new java.util.concurrent.CopyOnWriteArrayList<>();
  // data disks (ADR 0021): volumes are on storage every fake node shares; attachments per domain
  private static final Map<String, Long> VOLUMES = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> attached = new ConcurrentHashMap<>();
  private final java.util.List<AgentCommand> diskCommands = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile String failDisks;
  /** The NIC filters this node holds, by MAC, as the last ApplyNicFilters left them. */
  private final Map<String, NicFilter> nicFilters = new ConcurrentHashMap<>();
  private final java.util.List<ApplyNicFiltersCommand> nicFilterCommands = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile String failNicFilters;
  private final ExecutorService workers = Executors.newFixedThreadPool(4);
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
  private final HttpClient http;
  private final HttpServer server;
  private volatile String nodeId;
  private volatile boolean silent;
  private volatile List<String> unreachable = List.of();
  private volatile Instant fencedAt;
  private volatile HeartbeatReply lastReply;
  /** The cluster this agent asks to join ({@code [agent] cluster}); null: the server decides. */
  private volatile String cluster;
  /** Fake agents by the host of their URL: a fake migration moves a domain to the one its libvirt URI names. */
  private static final Map<String, FakeAgent> BY_HOST = new ConcurrentHashMap<>();
  private final String host;

  public FakeAgent(String serverUrl, String joinToken) throws Exception {
    this(serverUrl, joinToken, "127.0.0.1");
  }

  /** An agent listening on {@code host} (another loopback address, e.g. 127.0.0.2, for a second node). */
  public FakeAgent(String serverUrl, String joinToken, String host) throws Exception {
    this.host = host;
    this.serverUrl = serverUrl;
    this.joinToken = joinToken;
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, new X509TrustManager[] {new TrustEverything()}, new SecureRandom());
    this.http = HttpClient.newBuilder().sslContext(ssl).build();
    this.server = HttpServer.create(new InetSocketAddress(host, 0), 64);
    server.createContext(AgentHttp.COMMANDS_PATH, exchange -> {
      String task = exchange.getRequestHeaders().getFirst(AgentHttp.TASK_ID_HEADER);
      String callback = exchange.getRequestHeaders().getFirst(AgentHttp.CALLBACK_URL_HEADER);
      AgentCommand command = JSON.readValue(exchange.getRequestBody(), AgentCommand.class);
      exchange.getResponseHeaders().add(AgentHttp.INCARNATION_HEADER, incarnation);
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
      workers.submit(() -> complete(task, callback, command));
    });
    server.setExecutor(workers);
    server.start();
    BY_HOST.put(host, this);
  }

  public String url() {
    return "http://" + host + ":" + server.getAddress().getPort();
  }

  public String nodeId() {
    return nodeId;
  }

  /** Asks to join this cluster (a name or id) at the next registration, like {@code [agent] cluster}. */
  public FakeAgent cluster(String nameOrId) {
    this.cluster = nameOrId;
    return this;
  }

  /** The domains this fake node defines (any state). */
  public java.util.Set<String> definedDomains() {
    return java.util.Set.copyOf(domains.keySet());
  }

  // --- data disks (ADR 0021) ---

  /** The data volumes on the (shared) fake storage: path to virtual size in bytes. */
  public static Map<String, Long> volumes() {
    return Map.copyOf(VOLUMES);
  }

  /** The data disks this node's domain has: target to volume path (empty when none or undefined). */
  public Map<String, String> attachedDisks(String domain) {
    return Map.copyOf(attached.getOrDefault(domain, Map.of()));
  }

  /** Every data-disk and storage command this node received, in order. */
  public java.util.List<AgentCommand> diskCommands() {
    return java.util.List.copyOf(diskCommands);
  }

  /** Fails the data-disk commands (volume and attach) with this message; null: succeed again. */
  public void failDiskCommands(String message) {
    this.failDisks = message;
  }

  private AgentReply disk(AgentCommand command) {
    diskCommands.add(command);
    if (failDisks != null) {
      throw new IllegalStateException(failDisks);
    }
    StorageReply storage = new StorageReply("/fake", 1L << 40, 1L << 30);
    if (command instanceof ProbeStorageCommand c) {
      return new StorageReply(c.storagePath(), 1L << 40, 1L << 30);
    } else if (command instanceof CreateVolumeCommand c) {
      Long before = VOLUMES.putIfAbsent(c.path(), c.sizeBytes());
      if (before != null && before != c.sizeBytes()) {
        throw new IllegalStateException(c.path() + " exists with another size");
      }
      return new VolumeReply(c.path(), c.sizeBytes(), 196_608, storage);
    } else if (command instanceof DeleteVolumeCommand c) {
      VOLUMES.remove(c.path());
      return storage;
    } else if (command instanceof ResizeVolumeCommand c) {
      Long now = VOLUMES.get(c.path());
      if (now == null) {
        throw new IllegalStateException(c.path() + " does not exist");
      }
      if (c.sizeBytes() < now) {
        throw new IllegalStateException("shrinking " + c.path() + " is refused");
      }
      VOLUMES.put(c.path(), c.sizeBytes());
      return new VolumeReply(c.path(), c.sizeBytes(), 196_608, storage);
    } else if (command instanceof AttachDiskCommand c) {
      if (domains.containsKey(c.domainName())) {
        attached.computeIfAbsent(c.domainName(), d -> new ConcurrentHashMap<>()).put(c.disk().target(), c.disk().path());
      }
      return new VmStateReply(c.domainName(), domains.getOrDefault(c.domainName(), DomainPowerState.ABSENT), null);
    } else if (command instanceof CloneVolumeCommand c) {
      Long size = VOLUMES.get(c.sourcePath());
      if (size == null) {
        throw new IllegalStateException(c.sourcePath() + " does not exist");
      }
      VOLUMES.putIfAbsent(c.path(), size);
      return new VolumeReply(c.path(), size, 196_608, storage);
    } else if (command instanceof DetachDiskCommand c) {
      attached.getOrDefault(c.domainName(), new ConcurrentHashMap<>()).remove(c.disk().target());
      return new VmStateReply(c.domainName(), domains.getOrDefault(c.domainName(), DomainPowerState.ABSENT), null);
    // devices (ADR 0027): USB devices by alias
    } else if (command instanceof dev.vireo.agent.protocol.AttachUsbCommand c) {
      if (domains.containsKey(c.domainName())) {
        usb.computeIfAbsent(c.domainName(), d -> new ConcurrentHashMap<>()).put(c.usb().alias(), c.usb());
      }
      return new VmStateReply(c.domainName(), domains.getOrDefault(c.domainName(), DomainPowerState.ABSENT), null);
    } else if (command instanceof dev.vireo.agent.protocol.DetachUsbCommand c) {
      usb.getOrDefault(c.domainName(), new ConcurrentHashMap<>()).remove(c.usb().alias());
      return new VmStateReply(c.domainName(), domains.getOrDefault(c.domainName(), DomainPowerState.ABSENT), null);
    }
    throw new IllegalArgumentException("unknown command " + command);
  }

  // --- devices (ADR 0027) ---
  private volatile List<HostPciDevice> gpus;
  private final Map<String, Map<String, dev.vireo.agent.protocol.UsbDeviceDefinition>> usb = new ConcurrentHashMap<>();

  /** The USB devices attached to the domain by AttachUsb (not those of its definition), by alias. */
  public Map<String, dev.vireo.agent.protocol.UsbDeviceDefinition> usbDevices(String domain) {
    return Map.copyOf(usb.getOrDefault(domain, Map.of()));
  }

  /** The PCI display devices this node lists from now on (null: the fixed {@link #devices()} GPU). */
  public FakeAgent gpus(List<HostPciDevice> devices) {
    this.gpus = devices;
    return this;
  }

  /** {@code count} NVIDIA GPUs (10de:2204) at 0000:b1+i:00.0, each with its audio function .1 in IOMMU group 40+i. */
  public static List<HostPciDevice> nvidiaGpus(int count) {
    List<HostPciDevice> all = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      String bus = Integer.toHexString(0xb1 + i);
      all.add(new HostPciDevice("0000:" + bus + ":00.0", "10de", "2204", "030000", "nvidia", 40 + i,
          List.of("0000:" + bus + ":00.1")));
    }
    return all;
  }
  // --- end devices ---

  private final java.util.List<CreateSystemDiskCommand> systemDisks = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Every CreateSystemDisk this node received, in order. */
  public java.util.List<CreateSystemDiskCommand> systemDisks() {
    return java.util.List.copyOf(systemDisks);
  }

  /** What the fake hypervisor runs for the domain (ABSENT when it has none). */
  public DomainPowerState domainState(String domain) {
    return domains.getOrDefault(domain, DomainPowerState.ABSENT);
  }

  /** The last DefineVmCommand this node received for the domain, or null. */
  public DefineVmCommand lastDefinition(String domain) {
    return definitions.get(domain);
  }

  /** Network id → how many EnsureNetwork commands this node received for it. */
  public Map<String, Integer> ensuredNetworks() {
    return Map.copyOf(networks);
  }

  /** Network id → the last EnsureDhcp this node received for it (removed by RemoveDhcp). */
  public Map<String, EnsureDhcpCommand> dhcpServers() {
    return Map.copyOf(dhcp);
  }

  /** Domain → the last SetGuestRoutes this node applied to it. */
  public Map<String, SetGuestRoutesCommand> guestRoutes() {
    return Map.copyOf(guestRoutes);
  }

  /** The domain's guest agent stops answering (SetGuestRoutes fails), as a guest without qemu-ga. */
  public void silenceGuestAgent(String domain) {
    silentGuestAgents.add(domain);
  }

  /** Every EnsureDhcp and RemoveDhcp this node received, in order. */
  public java.util.List<AgentCommand> dhcpCommands() {
    return java.util.List.copyOf(dhcpCommands);
  }

  /** The NIC filters this node holds now, by MAC (a removed MAC is absent). */
  public Map<String, NicFilter> nicFilters() {
    return Map.copyOf(nicFilters);
  }

  /** Every ApplyNicFilters this node received, in order. */
  public java.util.List<ApplyNicFiltersCommand> nicFilterCommands() {
    return java.util.List.copyOf(nicFilterCommands);
  }

  /** Makes ApplyNicFilters fail with this message (null: succeed again). */
  public void failNicFilters(String message) {
    this.failNicFilters = message;
  }

  /** Makes EnsureNetwork fail with this message (null: succeed again), as a node without the uplink does. */
  public void failNetworks(String message) {
    this.failNetworks = message;
  }

  /** Registers with the server and starts heartbeats every second. */
  public FakeAgent register() throws Exception {
    RegistrationReply reply = JSON.readValue(post(AgentHttp.REGISTER_PATH, registration()), RegistrationReply.class);
    nodeId = reply.nodeId();
    heartbeats.scheduleAtFixedRate(this::heartbeat, 0, 1, TimeUnit.SECONDS);
    return this;
  }

  /** What this agent sends to register (a re-registration of the same URL keeps the node id). */
  public NodeRegistration registration() {
    return new NodeRegistration(url(), agentToken, "fake", ownFacts(), List.of(), cluster, incarnation);
  }

  private void heartbeat() {
    if (silent) {
      return;
    }
    try {
      List<DomainStatus> list = domains.entrySet().stream()
          .map(e -> new DomainStatus(e.getKey(), e.getValue(), "fake"))
          .toList();
      byte[] reply = post(AgentHttp.HEARTBEAT_PATH, new Heartbeat(nodeId, Instant.now(), ownFacts(), list, unreachable,
          fencedAt));
      if (reply.length > 0) {
        lastReply = JSON.readValue(reply, HeartbeatReply.class);
      }
      fencedAt = null;
    } catch (Exception e) {
      // the server may be restarting; the next beat retries
    }
  }

  /** Stops heartbeats (a dead or cut-off node, as the server sees it) or starts them again. */
  public void silent(boolean silent) {
    this.silent = silent;
  }

  /** Reports these peers (node ids) unreachable now, as a real agent does after its probes fail. */
  public void cannotReach(String... peerNodeIds) throws IOException, InterruptedException {
    unreachable = List.of(peerNodeIds);
    post(AgentHttp.PEERS_PATH, new PeerReport(nodeId, Instant.now(), unreachable));
  }

  /** Destroys every domain as a fenced agent does; the next heartbeat says so. */
  public void fence() {
    domains.replaceAll((name, state) -> DomainPowerState.SHUTOFF);
    fencedAt = Instant.now();
  }

  /** A guest that powers itself off or crashes: the next heartbeat reports it SHUTOFF. */
  public void stopOnItsOwn(String domain) {
    domains.computeIfPresent(domain, (name, state) -> DomainPowerState.SHUTOFF);
  }

  /** The domains this fake node has defined, with their states. */
  public Map<String, DomainPowerState> domains() {
    return Map.copyOf(domains);
  }

  /** The server's answer to the last heartbeat (peers and HA settings), or null before the first. */
  public HeartbeatReply lastReply() {
    return lastReply;
  }

  private void complete(String task, String callback, AgentCommand command) {
    AgentTaskResult result;
    try {
      result = AgentTaskResult.ok(task, reply(command));
    } catch (IllegalStateException e) { // a command this fake node was told to fail
      result = AgentTaskResult.failed(task, "failed", e.getMessage());
    }
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(callback))
          .header("Authorization", "Bearer " + joinToken)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(result)))
          .build();
      http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (Exception e) {
      throw new IllegalStateException("fake agent callback failed", e);
    }
  }

  // Java 17 has no pattern matching for switch: an instanceof chain over the sealed set.
  private AgentReply reply(AgentCommand command) {
    if (command instanceof CreateSystemDiskCommand c) {
      systemDisks.add(c);
      return new DiskReply(c.diskPath(), c.sizeGiB() << 30);
    } else if (command instanceof DefineVmCommand c) {
      definitions.put(c.vm().domainName(), c);
      Map<String, String> disks = new ConcurrentHashMap<>();
      if (c.vm().dataDisks() != null) {
        c.vm().dataDisks().forEach(d -> disks.put(d.target(), d.path()));
      }
      attached.put(c.vm().domainName(), disks);
      vcpus.remove(c.vm().domainName()); // vm operations: a definition resets the hot-added count
      domains.putIfAbsent(c.vm().domainName(), DomainPowerState.SHUTOFF);
      return new VmStateReply(c.vm().domainName(), domains.get(c.vm().domainName()), null);
    } else if (command instanceof StartVmCommand c) {
      return state(c.domainName(), DomainPowerState.RUNNING);
    } else if (command instanceof ShutdownVmCommand c) {
      return state(c.domainName(), DomainPowerState.SHUTOFF);
    } else if (command instanceof PowerOffVmCommand c) {
      return state(c.domainName(), DomainPowerState.SHUTOFF);
    } else if (command instanceof RebootVmCommand c) {
      return state(c.domainName(), DomainPowerState.RUNNING);
    } else if (command instanceof QueryVmCommand c) {
      return new VmStateReply(c.domainName(), domains.getOrDefault(c.domainName(), DomainPowerState.ABSENT), null);
    } else if (command instanceof UndefineVmCommand c) {
      domains.remove(c.domainName());
      attached.remove(c.domainName());
      return new DoneReply();
    } else if (command instanceof ForgetDomainCommand c) {
      domains.remove(c.domainName());
      return new DoneReply();
    } else if (command instanceof DeleteVmFilesCommand c) {
      deletedVmDirectories.add(c.vmDirectory());
      saveImages.remove(c.vmId()); // vm operations: the save image lives in the VM directory
      return new DoneReply();
    } else if (command instanceof ReadSerialLogCommand) {
      return new SerialLogReply("", 0);
    } else if (command instanceof MigrateVmCommand c) {
      return migrate(c);
    } else if (command instanceof ListHostDevicesCommand) {
      List<HostPciDevice> g = gpus; // devices (ADR 0027)
      HostDevicesReply d = devices();
      return g == null ? d : new HostDevicesReply(d.observedAt(), d.networkInterfaces(), d.blockDevices(),
          d.usbDevices(), g);
    } else if (command instanceof EnsureNetworkCommand c) {
      if (failNetworks != null) {
        throw new IllegalStateException(failNetworks);
      }
      int times = networks.merge(c.networkId(), 1, Integer::sum);
      return new NetworkReply(c.networkId(), "br-" + c.uplink(), times == 1);
    } else if (command instanceof EnsureDhcpCommand c) {
      dhcpCommands.add(c);
      EnsureDhcpCommand before = dhcp.put(c.networkId(), c);
      return new NetworkReply(c.networkId(), "vd-fake", !c.equals(before));
    } else if (command instanceof SetGuestRoutesCommand c) {
      if (!domains.containsKey(c.domainName())) {
        throw new IllegalStateException("domain " + c.domainName() + " is not defined");
      }
      if (silentGuestAgents.contains(c.domainName())) {
        throw new IllegalStateException("the guest agent of " + c.domainName() + " does not answer");
      }
      guestRoutes.put(c.domainName(), c);
      return new DoneReply();
    } else if (command instanceof ApplyNicFiltersCommand c) {
      if (failNicFilters != null) {
        throw new IllegalStateException(failNicFilters);
      }
      nicFilterCommands.add(c);
      c.remove().forEach(nicFilters::remove);
      c.filters().forEach(f -> nicFilters.put(f.mac(), f));
      // applied when the VM's domain runs here (its tap exists), else kept until it does
      java.util.Set<String> running = new java.util.HashSet<>();
      definitions.forEach((name, d) -> {
        if (domains.get(name) == DomainPowerState.RUNNING) {
          d.vm().nics().forEach(n -> running.add(n.mac()));
        }
      });
      List<String> macs = c.filters().stream().map(NicFilter::mac).toList();
      return new NicFiltersReply(macs.stream().filter(running::contains).toList(),
          macs.stream().filter(m -> !running.contains(m)).toList(),
          c.filters().stream().mapToInt(f -> f.rules().size()).sum());
    } else if (command instanceof RemoveDhcpCommand c) {
      dhcpCommands.add(c);
      return new NetworkReply(c.networkId(), "vd-fake", dhcp.remove(c.networkId()) != null);
    } else if (command instanceof ProbeStorageCommand || command instanceof CreateVolumeCommand
        || command instanceof DeleteVolumeCommand || command instanceof ResizeVolumeCommand
        || command instanceof AttachDiskCommand || command instanceof DetachDiskCommand
        || command instanceof CloneVolumeCommand) {
      return disk(command); // data disks (ADR 0021)
    } else if (command instanceof dev.vireo.agent.protocol.AttachUsbCommand
        || command instanceof dev.vireo.agent.protocol.DetachUsbCommand) {
      return disk(command); // devices (ADR 0027): handled beside the data disks
    // vm operations: suspend to file, restore, CPU hot-add
    } else if (command instanceof SuspendVmCommand c) {
      return suspend(c);
    } else if (command instanceof RestoreVmCommand c) {
      return restore(c);
    } else if (command instanceof SetVcpusCommand c) {
      return setVcpus(c);
    }
    // storage live migration (ADR 0026)
    if (command instanceof dev.vireo.agent.protocol.MigrateVolumeCommand c) {
      return migrateVolume(c);
    }
    // system disk storage migration and copy progress (ADR 0028)
    if (command instanceof dev.vireo.agent.protocol.MigrateSystemDiskCommand c) {
      return migrateSystemDisk(c);
    } else if (command instanceof dev.vireo.agent.protocol.QueryBlockCopyCommand c) {
      Integer p = copyPercent.get(c.domainName() + "/" + c.target());
      return new dev.vireo.agent.protocol.BlockCopyReply(c.domainName(), c.target(), p != null, p == null ? 0 : p,
          p == null ? 0 : 100);
    }
    // system disk growth (C4, ADR 0026)
    if (command instanceof dev.vireo.agent.protocol.ResizeSystemDiskCommand c) {
      systemDiskResizes.add(c);
      if (failDisks != null) {
        throw new IllegalStateException(failDisks);
      }
      return new dev.vireo.agent.protocol.DiskReply(c.systemDiskPath(), c.sizeBytes());
    }
    // secure VM console (ADR 0030)
    if (command instanceof dev.vireo.agent.protocol.SetDisplayPasswordCommand c) {
      displayPasswords.add(c);
      if (domains.get(c.domainName()) != DomainPowerState.RUNNING) {
        throw new IllegalStateException("domain " + c.domainName() + " is not running");
      }
      return new dev.vireo.agent.protocol.DisplayReply(c.domainName(), 5900);
    }
    // images from VMs, reinstall, boot from a disk, ISO install (ADR 0029)
    if (command instanceof dev.vireo.agent.protocol.ExportSystemDiskCommand
        || command instanceof dev.vireo.agent.protocol.ReinstallSystemDiskCommand
        || command instanceof dev.vireo.agent.protocol.AdoptVolumeCommand
        || command instanceof dev.vireo.agent.protocol.EjectCdromCommand) {
      return systemDiskImage(command);
    }
    // disk snapshots and QoS (ADR 0025)
    if (command instanceof VolumeSnapshotCommand || command instanceof VolumeFromSnapshotCommand) {
      return snapshot(command);
    } else if (command instanceof dev.vireo.agent.protocol.SetDiskQosCommand c) {
      snapshotCommands.add(c);
      return new VmStateReply(c.domainName(), domains.getOrDefault(c.domainName(), DomainPowerState.ABSENT), null);
    }
    throw new IllegalArgumentException("unknown command " + command);
  }

  private final java.util.List<dev.vireo.agent.protocol.SetDisplayPasswordCommand> displayPasswords =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Every SetDisplayPassword this node received (one per console ticket), in order. */
  public java.util.List<dev.vireo.agent.protocol.SetDisplayPasswordCommand> displayPasswords() {
    return java.util.List.copyOf(displayPasswords);
  }

  // --- images from VMs, reinstall, boot from a disk, ISO install (ADR 0029) ---

  private final java.util.List<AgentCommand> systemDiskImageCommands = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Every ExportSystemDisk, ReinstallSystemDisk, AdoptVolume and EjectCdrom this node received, in order. */
  public java.util.List<AgentCommand> systemDiskImageCommands() {
    return java.util.List.copyOf(systemDiskImageCommands);
  }

  /**
   * As the agent, without a hypervisor: an export writes a real (empty, 1 GiB) qcow2 at the image
   * path so the server can measure it; the others only answer. {@link #failDiskCommands} fails them.
   */
  private AgentReply systemDiskImage(AgentCommand command) {
    systemDiskImageCommands.add(command);
    if (failDisks != null) {
      throw new IllegalStateException(failDisks);
    }
    if (command instanceof dev.vireo.agent.protocol.ExportSystemDiskCommand c) {
      if (domains.get(c.domainName()) == DomainPowerState.RUNNING) {
        throw new IllegalStateException("domain " + c.domainName() + " is RUNNING; stop it to export its system disk");
      }
      java.nio.file.Path image = java.nio.file.Path.of(c.imagePath());
      try {
        java.nio.file.Files.createDirectories(image.getParent());
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
      Commands.check(java.util.List.of("qemu-img", "create", "-q", "-f", "qcow2", image.toString(), "1G"), 30);
      return new DiskReply(c.imagePath(), 1L << 30);
    } else if (command instanceof dev.vireo.agent.protocol.ReinstallSystemDiskCommand c) {
      if (domains.get(c.domainName()) == DomainPowerState.RUNNING) {
        throw new IllegalStateException("domain " + c.domainName() + " is RUNNING; stop it to reinstall");
      }
      return new DiskReply(c.systemDiskPath(), c.sizeGiB() << 30);
    } else if (command instanceof dev.vireo.agent.protocol.AdoptVolumeCommand c) {
      return new DiskReply(c.targetPath(), c.sizeBytes());
    }
    return new DoneReply();
  }

  // --- system disk storage migration (ADR 0028) ---

  private final java.util.List<String> deletedVmDirectories = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The VM directories DeleteVmFiles removed here, in order. */
  public java.util.List<String> deletedVmDirectories() {
    return java.util.List.copyOf(deletedVmDirectories);
  }

  /** Live copies in progress, by {@code domain/target}: percent done. */
  private final Map<String, Integer> copyPercent = new ConcurrentHashMap<>();
  private volatile long copyMillis;

  /** From now on a live copy takes this long, reporting its progress in ten steps. */
  public void slowCopies(java.time.Duration d) {
    this.copyMillis = d.toMillis();
  }

  /**
   * As the agent: a running domain's vda is copied (slowly when {@link #slowCopies} was set,
   * reporting progress), then its definition names the target; fails with {@link #failDiskCommands}.
   */
  private AgentReply migrateSystemDisk(dev.vireo.agent.protocol.MigrateSystemDiskCommand c) {
    diskCommands.add(c);
    if (failDisks != null) {
      throw new IllegalStateException(failDisks);
    }
    String key = c.domainName() + "/vda";
    if (c.domainName() != null && domains.get(c.domainName()) == DomainPowerState.RUNNING && copyMillis > 0) {
      try {
        for (int i = 0; i < 10; i++) {
          copyPercent.put(key, i * 10);
          Thread.sleep(copyMillis / 10);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      } finally {
        copyPercent.remove(key);
      }
    }
    return new VolumeReply(c.path(), 40L << 30, 1L << 20, new StorageReply("/fake", 1L << 40, 1L << 30));
  }

  // --- system disk growth (C4, ADR 0026) ---

  private final java.util.List<dev.vireo.agent.protocol.ResizeSystemDiskCommand> systemDiskResizes =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Every ResizeSystemDisk command this node received, in order. */
  public java.util.List<dev.vireo.agent.protocol.ResizeSystemDiskCommand> systemDiskResizes() {
    return java.util.List.copyOf(systemDiskResizes);
  }

  // --- storage live migration (ADR 0026) ---

  /**
   * Moves the fake volume and repoints the domain's disk, like the agent after a pivot; with
   * {@link #failDiskCommands} set it fails leaving the source as it was and no target.
   */
  private AgentReply migrateVolume(dev.vireo.agent.protocol.MigrateVolumeCommand c) {
    diskCommands.add(c);
    if (failDisks != null) {
      throw new IllegalStateException(failDisks);
    }
    Long size = VOLUMES.get(c.sourcePath());
    if (size == null) {
      size = VOLUMES.get(c.path());
      if (size == null) {
        throw new IllegalStateException("neither " + c.sourcePath() + " nor " + c.path() + " exists");
      }
    }
    VOLUMES.put(c.path(), size);
    VOLUMES.remove(c.sourcePath());
    if (c.domainName() != null && c.target() != null) {
      Map<String, String> disks = attached.get(c.domainName());
      if (disks != null && c.sourcePath().equals(disks.get(c.target()))) {
        disks.put(c.target(), c.path());
      }
    }
    return new VolumeReply(c.path(), size, 196_608, new StorageReply("/fake", 1L << 40, 1L << 30));
  }

  // --- disk snapshots (ADR 0025): internal snapshots per volume, on the shared fake storage ---

  /** Volume path to its snapshots (name to the volume's virtual size when taken). */
  private static final Map<String, Map<String, Long>> SNAPSHOTS = new ConcurrentHashMap<>();
  private final java.util.List<AgentCommand> snapshotCommands = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The snapshots inside a fake volume, by name. */
  public static Map<String, Long> snapshotsOf(String volumePath) {
    return Map.copyOf(SNAPSHOTS.getOrDefault(volumePath, Map.of()));
  }

  /** The snapshot and disk QoS commands this node ran. */
  public java.util.List<AgentCommand> snapshotCommands() {
    return java.util.List.copyOf(snapshotCommands);
  }

  private AgentReply snapshot(AgentCommand command) {
    snapshotCommands.add(command);
    if (failDisks != null) {
      throw new IllegalStateException(failDisks);
    }
    StorageReply storage = new StorageReply("/fake", 1L << 40, 1L << 30);
    if (command instanceof VolumeSnapshotCommand c) {
      if (c.diskId().startsWith("vm-")) { // a VM's system disk (its overlay, not among the data volumes)
        VOLUMES.putIfAbsent(c.path(), 1L << 30);
      }
      Long size = VOLUMES.get(c.path());
      if (size == null) {
        throw new IllegalStateException(c.path() + " does not exist");
      }
      Map<String, Long> snaps = SNAPSHOTS.computeIfAbsent(c.path(), p -> new ConcurrentHashMap<>());
      switch (c.action()) {
        case CREATE -> snaps.putIfAbsent(c.snapshot(), size);
        case DELETE -> snaps.remove(c.snapshot());
        case REVERT -> {
          boolean live = c.domainName() != null && domains.get(c.domainName()) == DomainPowerState.RUNNING
              && attached.getOrDefault(c.domainName(), Map.of()).containsValue(c.path());
          if (live) {
            throw new IllegalStateException(c.path() + " is open by running domain " + c.domainName());
          }
          Long at = snaps.get(c.snapshot());
          if (at == null) {
            throw new IllegalStateException(c.path() + " has no snapshot " + c.snapshot());
          }
          VOLUMES.put(c.path(), at);
        }
        default -> throw new IllegalArgumentException("unknown action " + c.action());
      }
      return new VolumeReply(c.path(), VOLUMES.get(c.path()), 196_608, storage);
    }
    VolumeFromSnapshotCommand c = (VolumeFromSnapshotCommand) command;
    Long at = SNAPSHOTS.getOrDefault(c.sourcePath(), Map.of()).get(c.snapshot());
    if (at == null) {
      throw new IllegalStateException(c.sourcePath() + " has no snapshot " + c.snapshot());
    }
    VOLUMES.putIfAbsent(c.path(), at);
    return new VolumeReply(c.path(), at, 196_608, storage);
  }

  // --- vm operations: suspend to file, restore, CPU hot-add ---

  /** The CPU model this node reports (vm operations: HOST_PASSTHROUGH migrates only between equal CPUs). */
  private volatile String cpuModel;

  /** Reports another CPU model than {@link #facts()}'s; call before {@link #register()}. */
  public FakeAgent cpuModel(String model) {
    this.cpuModel = model;
    return this;
  }

  private HostFacts ownFacts() {
    HostFacts f = facts();
    return cpuModel == null ? f : new HostFacts(f.hostname(), f.arch(), cpuModel, f.cpus(), f.sockets(),
        f.coresPerSocket(), f.threadsPerCore(), f.memoryBytes(), f.serial(), f.domainType(), f.libvirtVersion(),
        f.hypervisorVersion());
  }

  /**
   * Save image paths by domain (as the real agent writes them: memory.save in the VM directory),
   * shared by every fake agent like the shared storage they stand for.
   */
  private static final Map<String, String> saveImages = new ConcurrentHashMap<>();
  /** vCPU counts set by SetVcpus, by domain. */
  private final Map<String, Integer> vcpus = new ConcurrentHashMap<>();

  /** The save image a suspended domain has here, or null. */
  public String saveImage(String domain) {
    return saveImages.get(domain);
  }

  /** The vCPUs of the domain: as defined, or as last set by SetVcpus (hot-add). */
  public int vcpus(String domain) {
    Integer set = vcpus.get(domain);
    return set != null ? set : definitions.get(domain).vm().vcpus();
  }

  private AgentReply suspend(SuspendVmCommand c) {
    DomainPowerState s = domains.getOrDefault(c.domainName(), DomainPowerState.ABSENT);
    if (s == DomainPowerState.SHUTOFF && saveImages.containsKey(c.domainName())) {
      return new VmStateReply(c.domainName(), s, null);
    }
    if (s != DomainPowerState.RUNNING) {
      throw new IllegalStateException("domain " + c.domainName() + " is " + s + "; only a running domain is suspended");
    }
    saveImages.put(c.domainName(), c.saveImagePath());
    return state(c.domainName(), DomainPowerState.SHUTOFF);
  }

  private AgentReply restore(RestoreVmCommand c) {
    DomainPowerState s = domains.getOrDefault(c.domainName(), DomainPowerState.ABSENT);
    if (s == DomainPowerState.RUNNING) {
      return new VmStateReply(c.domainName(), s, 5900);
    }
    if (saveImages.remove(c.domainName()) == null) {
      throw new IllegalStateException("domain " + c.domainName() + " has no saved memory image at " + c.saveImagePath());
    }
    return state(c.domainName(), DomainPowerState.RUNNING);
  }

  private AgentReply setVcpus(SetVcpusCommand c) {
    int max = definitions.get(c.domainName()).vm().vcpuMaximum();
    if (c.vcpus() > max) {
      throw new IllegalStateException("domain " + c.domainName() + " was defined with at most " + max + " vCPUs");
    }
    vcpus.put(c.domainName(), c.vcpus());
    return new VmStateReply(c.domainName(), domains.get(c.domainName()), null);
  }

  /** Moves the domain to the fake agent on the host of {@code qemu+tcp://<host>/system}. */
  private AgentReply migrate(MigrateVmCommand c) {
    FakeAgent peer = BY_HOST.get(URI.create(c.destinationUri()).getHost());
    if (peer == null || peer == this) {
      throw new IllegalArgumentException("no fake agent at " + c.destinationUri());
    }
    DomainPowerState here = domains.remove(c.domainName());
    if (here == null) {
      return new MigrationReply(c.domainName(), peer.domains.getOrDefault(c.domainName(), DomainPowerState.ABSENT),
          0, null, null, true);
    }
    peer.domains.put(c.domainName(), here);
    Map<String, String> disks = attached.remove(c.domainName());
    if (disks != null) {
      peer.attached.put(c.domainName(), disks);
    }
    return new MigrationReply(c.domainName(), here, 1, 0L, 0L, false);
  }

  private VmStateReply state(String domain, DomainPowerState state) {
    domains.put(domain, state);
    return new VmStateReply(domain, state, state == DomainPowerState.RUNNING ? 5900 : null);
  }

  private byte[] post(String path, Object body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(serverUrl + path))
        .header("Authorization", "Bearer " + joinToken)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
        .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(path + " answered " + response.statusCode() + ": " + new String(response.body()));
    }
    return response.body();
  }

  /** The fixed devices every fake node has: one NIC, a bridge, a disk with a mounted partition, a USB stick, a GPU. */
  public static HostDevicesReply devices() {
    return new HostDevicesReply(Instant.parse("2026-01-01T00:00:00Z"),
        List.of(new HostNetworkInterface("eth0", "52:54:00:fa:ce:01", "up", 10000, 1500, "ixgbe", false),
            new HostNetworkInterface("br0", "52:54:00:fa:ce:02", "down", null, 1500, null, true)),
        List.of(new HostBlockDevice("sda", "disk", 500L << 30, false, false, "Fake SSD", List.of()),
            new HostBlockDevice("sda1", "partition", 500L << 30, false, false, null, List.of("/"))),
        List.of(new HostUsbDevice("1-1", 1, 2, "0781", "5581", "SanDisk", "Ultra", "FAKE-USB-1", "480", "2.10")),
        List.of(new HostPciDevice("0000:65:00.0", "10de", "20b5", "030200", "vfio-pci")));
  }

  public static HostFacts facts() {
    return new HostFacts("fake-node", "x86_64", "Fake CPU", 64, 2, 16, 2, 256L << 30, "FAKE-0001",
        "qemu", "9.0.0", "7.2.0");
  }

  @Override
  public void close() {
    BY_HOST.remove(host, this);
    heartbeats.shutdownNow();
    server.stop(0);
    workers.shutdownNow();
  }

  private static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
