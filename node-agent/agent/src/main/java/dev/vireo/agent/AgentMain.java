package dev.vireo.agent;

import dev.vireo.agent.command.CommandExecutor;
import dev.vireo.agent.command.DiskTool;
import dev.vireo.agent.config.AgentConfig;
import dev.vireo.agent.config.AgentToken;
import dev.vireo.agent.ha.Fencer;
import dev.vireo.agent.ha.PeerMonitor;
import dev.vireo.agent.devices.HostDevicesReader;
import dev.vireo.agent.http.AgentHttpServer;
import dev.vireo.agent.http.CommandEndpoint;
import dev.vireo.agent.libvirt.LibvirtHypervisor;
import dev.vireo.agent.metrics.GuestSampler;
import dev.vireo.agent.metrics.HostSampler;
import dev.vireo.agent.metrics.MetricsPusher;
import dev.vireo.agent.metrics.VmSampler;
import dev.vireo.agent.network.NoCloudSeed;
import dev.vireo.agent.network.DhcpServers;
import dev.vireo.agent.network.OvsNetworks;
import dev.vireo.agent.secgroup.NicFilters;
import dev.vireo.agent.secgroup.OvsCli;
import dev.vireo.agent.secgroup.TapMonitor;
import dev.vireo.agent.server.CallbackSender;
import dev.vireo.agent.server.NodeReporter;
import dev.vireo.agent.server.ServerLink;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a node agent: {@code AgentMain [--config agent.ini]}. */
public final class AgentMain {
  private static final Logger LOG = LoggerFactory.getLogger(AgentMain.class);

  private AgentMain() {}

  public static void main(String[] args) throws Exception {
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    Path configFile = args.length >= 2 && "--config".equals(args[0]) ? Path.of(args[1]) : null;
    AgentConfig config = AgentConfig.load(configFile);
    String agentToken = AgentToken.loadOrCreate(config.tokenFile());
    ServerLink link = new ServerLink(config.serverUrl(), config.serverFingerprint(), config.resolveJoinToken());

    LibvirtHypervisor hypervisor = new LibvirtHypervisor(config.libvirtUri(), config.domainType());
    Fencer fencer = new Fencer(hypervisor);
    // Flat networks this node was given, re-applied at start: a deleted bridge comes back (ADR 0015).
    OvsNetworks networks = OvsNetworks.ofThisHost(config.tokenFile().resolveSibling("networks.json"));
    networks.reapplyRemembered();
    // DHCP servers of this node's networks (ADR 0017): re-created at start, restarted when one dies.
    DhcpServers dhcp = DhcpServers.ofThisHost(networks, config.tokenFile().resolveSibling("dhcp"),
        config.tokenFile().resolveSibling("dhcp.json"));
    dhcp.reapplyRemembered();
    var dhcpSupervisor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "dhcp-supervisor");
      t.setDaemon(true);
      return t;
    });
    dhcpSupervisor.scheduleWithFixedDelay(dhcp::supervise, 5, 5, TimeUnit.SECONDS);
    // Security-group filters of the VM NICs (ADR 0018): re-applied at start with the zones they had,
    // then following the taps (a VM starting or migrating in gets its full flows when its tap appears).
    OvsCli ovs = OvsCli.ofThisHost();
    NicFilters filters = new NicFilters(ovs,
        () -> networks.remembered().values().stream().map(OvsNetworks.Remembered::uplink).toList(),
        config.tokenFile().resolveSibling("nic-filters.json"));
    try {
      filters.reconcile(true);
    } catch (RuntimeException e) {
      LOG.warn("cannot re-apply the NIC filters at start: {} (retried when an interface changes)", e.getMessage());
    }
    TapMonitor taps = new TapMonitor(ovs.interfaceMonitor(), ovs.env(), () -> filters.reconcile(false)).start();
    // ovs-vswitchd restarted without its flows, a bridge re-created: checked every 30 s, everything re-installed
    var filterCheck = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "nic-filter-check");
      t.setDaemon(true);
      return t;
    });
    filterCheck.scheduleWithFixedDelay(() -> {
      try {
        filters.verify();
      } catch (RuntimeException e) {
        LOG.warn("cannot check the NIC filter flows: {}", e.getMessage());
      }
    }, 30, 30, TimeUnit.SECONDS);
    CommandExecutor executor = new CommandExecutor(hypervisor, new DiskTool(), config.storageRoot(), fencer,
        HostDevicesReader.ofThisHost(), networks, NoCloudSeed.ofThisHost(), dhcp, filters);
    ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "agent-command");
      t.setDaemon(true);
      return t;
    });
    CallbackSender callbacks = new CallbackSender(link, TimeUnit.MINUTES.toMillis(10));
    AgentHttpServer http = new AgentHttpServer(config.listen(), config.port(),
        new CommandEndpoint(agentToken, executor, pool, callbacks::send),
        // secure VM console (ADR 0030, 0031)
        new dev.vireo.agent.http.DisplayRelay(agentToken, hypervisor::vncPort, hypervisor::spicePort));
    http.start();
    PeerMonitor peers = new PeerMonitor(link, fencer, config.tokenFile().resolveSibling("last-known-cluster.json"));
    NodeReporter reporter = new NodeReporter(link, hypervisor, config.advertiseUrl(), agentToken, config.cluster(),
        peers);
    peers.start(); // first: it may load the last known cluster, which the first heartbeat then replaces
    reporter.start();
    // Metrics (ADR 0033): sampled from the start, reported once registration gave the node id. The
    // guest agents are asked on a thread of their own; the pusher only takes their cached figures.
    HostSampler hostSampler = new HostSampler(Path.of("/proc"), config.storageRoot());
    VmSampler vmSampler = new VmSampler(hypervisor);
    GuestSampler guestSampler = new GuestSampler(hypervisor, config.guestMetricsIntervalSeconds()).start();
    MetricsPusher metrics = new MetricsPusher(link, reporter::nodeId, config.metricsIntervalSeconds(),
        List.of(hostSampler::sample, id -> vmSampler.sample(), guestSampler)).start();
    LOG.info("Vireo agent listening on {}:{}, server {}", config.listen(), http.port(), config.serverUrl());

    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping agent (VMs keep running)");
      peers.close();
      metrics.close();
      guestSampler.close();
      reporter.close();
      http.close();
      pool.shutdownNow();
      dhcpSupervisor.shutdownNow();
      taps.close(); // the flows stay: VMs keep their filtering while no agent runs
      filterCheck.shutdownNow(); // the dnsmasq processes go on serving; the next agent takes them over
      callbacks.close();
      fencer.close();
      hypervisor.close();
    }, "agent-shutdown"));
  }
}
