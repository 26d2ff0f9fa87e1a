package dev.vireo.agent.network;

import dev.vireo.agent.Json;
import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.protocol.EnsureNetworkCommand;
import dev.vireo.agent.protocol.NetworkReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flat networks on Open vSwitch (ADR 0015): one bridge per uplink device, VLAN tags on the VM
 * ports (libvirt's {@code <virtualport type='openvswitch'/>} + {@code <vlan>} create and tag them).
 * The bridge of an uplink is the one it is a port of already, else a new {@code br-<uplink>} of
 * the node's datapath type with the uplink as a trunk port. Networks given to this node are kept
 * in a JSON file so that a restarted agent re-applies them (drift repair).
 */
public final class OvsNetworks {
  private static final Logger LOG = LoggerFactory.getLogger(OvsNetworks.class);
  private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");
  private static final long TIMEOUT_SECONDS = 20;
  private static final String OVS_TIMEOUT = "--timeout=" + 15;

  /** What the node remembers of a network. */
  public record Remembered(String uplink, Integer vlanId) {}

  private record Saved(Map<String, Remembered> networks) {}

  private final CommandRunner runner;
  private final Path stateFile;
  private final Predicate<String> deviceExists;
  private final boolean kernelDatapath;

  /**
   * @param stateFile where the networks are remembered, or null (not remembered)
   * @param deviceExists whether a network device of that name exists on this node
   * @param kernelDatapath whether the Open vSwitch kernel module is loaded
   */
  public OvsNetworks(CommandRunner runner, Path stateFile, Predicate<String> deviceExists, boolean kernelDatapath) {
    this.runner = runner;
    this.stateFile = stateFile;
    this.deviceExists = deviceExists;
    this.kernelDatapath = kernelDatapath;
  }

  /** This host: real {@code ovs-vsctl}, devices from /sys/class/net, the module from /sys/module. */
  public static OvsNetworks ofThisHost(Path stateFile) {
    return new OvsNetworks(CommandRunner.processes("OVS_ERROR"), stateFile,
        name -> Files.exists(Path.of("/sys/class/net", name)), Files.isDirectory(Path.of("/sys/module/openvswitch")));
  }

  /** Makes the uplink a port of a bridge; idempotent; remembers the network. */
  public synchronized NetworkReply ensure(EnsureNetworkCommand c) {
    if (c.networkId() == null || c.networkId().isBlank()) {
      throw new CommandFailedException("INVALID_COMMAND", "networkId is missing");
    }
    requireDevice(c.uplink());
    if (c.vlanId() != null && (c.vlanId() < 1 || c.vlanId() > 4094)) {
      throw new CommandFailedException("INVALID_COMMAND", "vlanId must be 1..4094 or null, got " + c.vlanId());
    }
    String bridge = portToBridge(c.uplink());
    boolean changed = false;
    if (bridge == null) {
      if (!deviceExists.test(c.uplink())) {
        throw new CommandFailedException("UPLINK_NOT_FOUND", "uplink device " + c.uplink() + " of network "
            + c.networkId() + " does not exist on this node (and is no Open vSwitch port)");
      }
      bridge = newBridgeName(c.uplink());
      String datapath = datapathType();
      vsctl(List.of("--may-exist", "add-br", bridge, "--", "set", "bridge", bridge, "datapath_type=" + datapath,
          "--", "--may-exist", "add-port", bridge, c.uplink(), "--", "set", "port", c.uplink(), "vlan_mode=trunk"));
      changed = true;
      LOG.info("network {}: uplink {} added as a trunk port to new bridge {} (datapath {})", c.networkId(),
          c.uplink(), bridge, datapath);
    }
    remember(c);
    return new NetworkReply(c.networkId(), bridge, changed);
  }

  /**
   * The bridge a VM's NIC on {@code networkId} goes into: the bridge holding {@code uplink} on this
   * node. Fails when the uplink is in no bridge (the network was never ensured here).
   */
  public String bridgeFor(String networkId, String uplink) {
    requireDevice(uplink);
    String bridge = portToBridge(uplink);
    if (bridge == null) {
      throw new CommandFailedException("UPLINK_NOT_IN_BRIDGE", "uplink " + uplink + " of network " + networkId
          + " is not a port of any Open vSwitch bridge on this node; EnsureNetwork has not been applied here");
    }
    return bridge;
  }

  /** Re-applies every remembered network (agent start: a deleted bridge comes back). */
  public List<NetworkReply> reapplyRemembered() {
    List<NetworkReply> replies = new ArrayList<>();
    for (Map.Entry<String, Remembered> e : load().entrySet()) {
      try {
        NetworkReply r = ensure(new EnsureNetworkCommand(e.getKey(), e.getValue().uplink(), e.getValue().vlanId()));
        if (r.changed()) {
          LOG.warn("network {} had drifted on this node: repaired (bridge {})", e.getKey(), r.bridge());
        }
        replies.add(r);
      } catch (CommandFailedException ex) {
        LOG.warn("cannot re-apply network {}: {} {}", e.getKey(), ex.code(), ex.getMessage());
      }
    }
    return replies;
  }

  /** The networks this node was given, by id. */
  public synchronized Map<String, Remembered> remembered() {
    return load();
  }

  /** {@code br-<uplink>}, cut to the 15 characters of a Linux interface name. */
  static String newBridgeName(String uplink) {
    String name = "br-" + uplink;
    return name.length() <= 15 ? name : name.substring(0, 15);
  }

  /**
   * Whether the bridge forwards in Open vSwitch's userspace datapath ({@code netdev}). That datapath
   * (OVS 3.1) passes a tap's partially checksummed TCP/UDP packets on unfinished, so receivers
   * drop them: guests on such a bridge must checksum in software (ADR 0015).
   */
  public boolean userspaceDatapath(String bridge) {
    CommandRunner.Result r = vsctl(List.of("get", "bridge", bridge, "datapath_type"));
    return r.stdout().strip().replace("\"", "").equals("netdev");
  }

  private String datapathType() {
    if (!kernelDatapath) {
      return "netdev";
    }
    CommandRunner.Result r = vsctl(List.of("--bare", "--columns=datapath_type", "list", "bridge"));
    return r.stdout().lines().map(String::strip).anyMatch("netdev"::equals) ? "netdev" : "system";
  }

  private String portToBridge(String uplink) {
    CommandRunner.Result r = runner.run(List.of("ovs-vsctl", OVS_TIMEOUT, "port-to-br", uplink), TIMEOUT_SECONDS);
    if (r.ok()) {
      String bridge = r.stdout().strip();
      return bridge.isEmpty() ? null : bridge;
    }
    if (r.stderr().contains("no port named")) {
      return null;
    }
    throw ovsError("port-to-br " + uplink, r);
  }

  private CommandRunner.Result vsctl(List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("ovs-vsctl", OVS_TIMEOUT));
    cmd.addAll(args);
    CommandRunner.Result r = runner.run(cmd, TIMEOUT_SECONDS);
    if (!r.ok()) {
      throw ovsError(String.join(" ", args), r);
    }
    return r;
  }

  private static CommandFailedException ovsError(String what, CommandRunner.Result r) {
    String err = r.stderr().strip();
    if (err.contains("database connection failed")) {
      return new CommandFailedException("OVS_UNAVAILABLE", "Open vSwitch is not running on this node: " + err);
    }
    return new CommandFailedException("OVS_ERROR", "ovs-vsctl " + what + " failed (exit " + r.exitCode() + "): " + err);
  }

  private static void requireDevice(String name) {
    if (name == null || !DEVICE.matcher(name).matches()) {
      throw new CommandFailedException("INVALID_COMMAND", "uplink must be a network device name (1-15 of"
          + " A-Z a-z 0-9 _ . -), got " + name);
    }
  }

  private Map<String, Remembered> load() {
    if (stateFile == null || !Files.isRegularFile(stateFile)) {
      return new TreeMap<>();
    }
    try {
      Saved saved = Json.MAPPER.readValue(stateFile.toFile(), Saved.class);
      return saved.networks() == null ? new TreeMap<>() : new TreeMap<>(saved.networks());
    } catch (IOException e) {
      LOG.warn("cannot read the networks of this node from {}: {}", stateFile, e.getMessage());
      return new TreeMap<>();
    }
  }

  private void remember(EnsureNetworkCommand c) {
    if (stateFile == null) {
      return;
    }
    Map<String, Remembered> networks = load();
    Remembered r = new Remembered(c.uplink(), c.vlanId());
    if (r.equals(networks.get(c.networkId()))) {
      return;
    }
    networks.put(c.networkId(), r);
    try {
      Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
      Json.MAPPER.writeValue(tmp.toFile(), new Saved(networks));
      Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("cannot remember network {} in {}: {}", c.networkId(), stateFile, e.getMessage());
    }
  }
}
