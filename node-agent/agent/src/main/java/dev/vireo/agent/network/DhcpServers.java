package dev.vireo.agent.network;

import dev.vireo.agent.Json;
import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.protocol.EnsureDhcpCommand;
import dev.vireo.agent.protocol.NetworkReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dnsmasq processes of this node, one per DHCP network (ADR 0017). Each listens on an OVS
 * internal port {@code vd-<hash>} of the uplink's bridge, tagged with the network's VLAN, holding
 * the node's own address. The agent is their parent ({@code --keep-in-foreground}): {@link
 * #supervise()} restarts one that died; a changed hosts file is a SIGHUP, a changed configuration a
 * restart. What it was given is remembered in a JSON file and re-created at agent start.
 */
public final class DhcpServers {
  private static final Logger LOG = LoggerFactory.getLogger(DhcpServers.class);
  private static final long TIMEOUT_SECONDS = 20;
  private static final String OVS_TIMEOUT = "--timeout=15";

  /** Starts a long-running process; tests substitute a fake. */
  public interface Launcher {
    Running start(List<String> command) throws IOException;
  }

  /** A started process. */
  public interface Running {
    boolean alive();

    long pid();

    void stop();
  }

  private record Saved(Map<String, EnsureDhcpCommand> networks) {}

  private final CommandRunner runner;
  private final OvsNetworks networks;
  private final Path root;
  private final Path stateFile;
  private final Launcher launcher;
  private final Map<String, Running> processes = new HashMap<>();
  /** What this node was given, by network id (also the state file's content). */
  private final Map<String, EnsureDhcpCommand> given;

  public DhcpServers(CommandRunner runner, OvsNetworks networks, Path root, Path stateFile, Launcher launcher) {
    this.runner = runner;
    this.networks = networks;
    this.root = root;
    this.stateFile = stateFile;
    this.launcher = launcher;
    this.given = load();
  }

  /** Real ovs-vsctl, ip, kill and dnsmasq processes (their output goes to {@code dnsmasq.log} in the network's folder). */
  public static DhcpServers ofThisHost(OvsNetworks networks, Path root, Path stateFile) {
    return new DhcpServers(CommandRunner.processes("DHCP_ERROR"), networks, root, stateFile, command -> {
      Path log = Path.of(command.get(command.size() - 1).substring("--conf-file=".length())).resolveSibling("dnsmasq.log");
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      return new Running() {
        @Override
        public boolean alive() {
          return p.isAlive();
        }

        @Override
        public long pid() {
          return p.pid();
        }

        @Override
        public void stop() {
          p.destroy();
          try {
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
              p.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
          } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
          }
        }
      };
    });
  }

  /** The folder of a network's files. */
  public Path dir(String networkId) {
    return root.resolve(DnsmasqConfig.interfaceName(networkId));
  }

  /** Port, address, files and process to the command's target state; idempotent. */
  public synchronized NetworkReply ensure(EnsureDhcpCommand c) {
    if (c.networkId() == null || c.networkId().isBlank()) {
      throw new CommandFailedException("INVALID_COMMAND", "networkId is missing");
    }
    String iface = DnsmasqConfig.interfaceName(c.networkId());
    Path dir = dir(c.networkId());
    String config = DnsmasqConfig.config(new DnsmasqConfig.Spec(c.networkId(), c.address(), c.subnet(), c.gateway(),
        c.dnsServers(), c.routes()), dir.resolve("hosts"), dir.resolve("pid"), dir.resolve("leases"));
    String hosts = DnsmasqConfig.hostsFile((c.hosts() == null ? List.<EnsureDhcpCommand.DhcpHost>of() : c.hosts())
        .stream().map(h -> new DnsmasqConfig.Host(h.mac(), h.ipv4(), h.hostname())).toList());
    String bridge = networks.ensure(new dev.vireo.agent.protocol.EnsureNetworkCommand(c.networkId(), c.uplink(),
        c.vlanId())).bridge();
    List<String> port = new ArrayList<>(List.of("ovs-vsctl", OVS_TIMEOUT, "--may-exist", "add-port", bridge, iface,
        "--", "set", "interface", iface, "type=internal", "--"));
    port.addAll(c.vlanId() == null ? List.of("clear", "port", iface, "tag") : List.of("set", "port", iface,
        "tag=" + c.vlanId()));
    run(port);
    int prefix = Integer.parseInt(c.subnet().substring(c.subnet().indexOf('/') + 1));
    run(List.of("ip", "addr", "replace", c.address() + "/" + prefix, "dev", iface));
    run(List.of("ip", "link", "set", iface, "up"));
    boolean configChanged;
    boolean hostsChanged;
    try {
      Files.createDirectories(dir);
      configChanged = write(dir.resolve("dnsmasq.conf"), config);
      hostsChanged = write(dir.resolve("hosts"), hosts);
    } catch (IOException e) {
      throw new CommandFailedException("DHCP_ERROR", "cannot write the dnsmasq files of network " + c.networkId()
          + " in " + dir + ": " + e.getMessage(), e);
    }
    Running p = processes.get(c.networkId());
    boolean changed = configChanged || hostsChanged;
    if (p == null || !p.alive() || configChanged) {
      if (p != null) {
        p.stop();
      }
      start(c.networkId());
      changed = true;
    } else if (hostsChanged) {
      run(List.of("kill", "-HUP", Long.toString(p.pid())));
      LOG.info("network {}: dnsmasq {} reloads its hosts ({} NICs)", c.networkId(), p.pid(), c.hosts().size());
    }
    remember(c.networkId(), c);
    return new NetworkReply(c.networkId(), iface, changed);
  }

  /** Stops the network's dnsmasq, removes its port and files and forgets it; idempotent. */
  public synchronized NetworkReply remove(String networkId) {
    if (networkId == null || networkId.isBlank()) {
      throw new CommandFailedException("INVALID_COMMAND", "networkId is missing");
    }
    String iface = DnsmasqConfig.interfaceName(networkId);
    Running p = processes.remove(networkId);
    boolean changed = p != null;
    if (p != null) {
      p.stop();
    }
    run(List.of("ovs-vsctl", OVS_TIMEOUT, "--if-exists", "del-port", iface));
    Path dir = dir(networkId);
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      } catch (IOException e) {
        LOG.warn("cannot delete {}: {}", dir, e.getMessage());
      }
      changed = true;
    }
    remember(networkId, null);
    return new NetworkReply(networkId, iface, changed);
  }

  /** Restarts every remembered dnsmasq that is not running (called periodically). */
  public synchronized List<String> supervise() {
    List<String> restarted = new ArrayList<>();
    for (String id : given.keySet()) {
      Running p = processes.get(id);
      if (p == null || !p.alive()) {
        LOG.warn("network {}: dnsmasq is not running; restarting it", id);
        try {
          start(id);
          restarted.add(id);
        } catch (CommandFailedException e) {
          LOG.warn("network {}: cannot restart dnsmasq: {}", id, e.getMessage());
        }
      }
    }
    return restarted;
  }

  /** Re-creates every remembered DHCP server (agent start). */
  public void reapplyRemembered() {
    for (EnsureDhcpCommand c : List.copyOf(given.values())) {
      try {
        ensure(c);
      } catch (CommandFailedException e) {
        LOG.warn("cannot re-create the DHCP server of network {}: {} {}", c.networkId(), e.code(), e.getMessage());
      }
    }
  }

  /** The pid of a network's dnsmasq, or -1. */
  public synchronized long pid(String networkId) {
    Running p = processes.get(networkId);
    return p != null && p.alive() ? p.pid() : -1;
  }

  /** Every dnsmasq stops (agent shutdown). */
  public synchronized void stopAll() {
    processes.values().forEach(Running::stop);
    processes.clear();
  }

  private void start(String networkId) {
    Path conf = dir(networkId).resolve("dnsmasq.conf");
    stopLeftOver(networkId, conf);
    try {
      Running p = launcher.start(List.of("dnsmasq", "--keep-in-foreground", "--user=root", "--conf-file=" + conf));
      processes.put(networkId, p);
      LOG.info("network {}: dnsmasq started (pid {})", networkId, p.pid());
    } catch (IOException e) {
      throw new CommandFailedException("DHCP_ERROR", "cannot start dnsmasq for network " + networkId + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * A dnsmasq of an earlier agent (killed, or stopped: dnsmasq outlives it so DHCP goes on) holds
   * the port: its pid file names it, its command line names our configuration.
   */
  private void stopLeftOver(String networkId, Path conf) {
    Path pidFile = dir(networkId).resolve("pid");
    try {
      if (!Files.isRegularFile(pidFile)) {
        return;
      }
      String pid = Files.readString(pidFile).strip();
      Path cmdline = Path.of("/proc", pid, "cmdline");
      if (pid.matches("[0-9]{1,9}") && Files.isReadable(cmdline)
          && Files.readString(cmdline).replace('\0', ' ').contains(conf.toString())) {
        LOG.info("network {}: stopping the dnsmasq {} of an earlier agent", networkId, pid);
        runner.run(List.of("kill", pid), TIMEOUT_SECONDS);
        for (int i = 0; i < 50 && Files.exists(Path.of("/proc", pid)); i++) {
          Thread.sleep(100);
        }
      }
    } catch (IOException e) {
      LOG.debug("no left-over dnsmasq for {}: {}", networkId, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run(List<String> command) {
    CommandRunner.Result r = runner.run(command, TIMEOUT_SECONDS);
    if (!r.ok()) {
      throw new CommandFailedException("DHCP_ERROR", String.join(" ", command) + " failed (exit " + r.exitCode()
          + "): " + r.stderr().strip());
    }
  }

  private static boolean write(Path file, String content) throws IOException {
    if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
      return false;
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return true;
  }

  private Map<String, EnsureDhcpCommand> load() {
    if (stateFile == null || !Files.isRegularFile(stateFile)) {
      return new TreeMap<>();
    }
    try {
      Saved saved = Json.MAPPER.readValue(stateFile.toFile(), Saved.class);
      return saved.networks() == null ? new TreeMap<>() : new TreeMap<>(saved.networks());
    } catch (IOException e) {
      LOG.warn("cannot read the DHCP servers of this node from {}: {}", stateFile, e.getMessage());
      return new TreeMap<>();
    }
  }

  private void remember(String networkId, EnsureDhcpCommand c) {
    if (c == null ? given.remove(networkId) == null : c.equals(given.put(networkId, c)) || stateFile == null) {
      return;
    }
    if (stateFile == null) {
      return;
    }
    Map<String, EnsureDhcpCommand> all = new TreeMap<>(given);
    try {
      Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
      Json.MAPPER.writeValue(tmp.toFile(), new Saved(all));
      Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("cannot remember the DHCP server of network {} in {}: {}", networkId, stateFile, e.getMessage());
    }
  }
}
