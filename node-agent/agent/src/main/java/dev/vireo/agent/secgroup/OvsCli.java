package dev.vireo.agent.secgroup;

import dev.vireo.agent.command.CommandFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@link OvsSwitch} over {@code ovs-vsctl}, {@code ovs-ofctl} and {@code ovs-appctl}. The tools find
 * the daemons through {@code OVS_RUNDIR}: empty {@code env} means the host's Open vSwitch, a private
 * run directory (tests, benchmark) means that one's database socket and vswitchd.
 */
public final class OvsCli implements OvsSwitch {
  private static final long TIMEOUT_SECONDS = 60;
  /** Readers of the tools' output: own threads, never the common pool (one thread on a 2-core node). */
  private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "ovs-output");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, String> env;

  /** @param env extra environment of every OVS tool, e.g. {@code OVS_RUNDIR}; empty for the host's */
  public OvsCli(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The host's Open vSwitch. */
  public static OvsCli ofThisHost() {
    return new OvsCli(Map.of());
  }

  /** The OVSDB socket the tools use: {@code unix:$OVS_RUNDIR/db.sock}. */
  public String database() {
    return "unix:" + env.getOrDefault("OVS_RUNDIR", "/var/run/openvswitch") + "/db.sock";
  }

  /** A command line watching the interfaces (name, OpenFlow port) for {@link TapMonitor}. */
  public List<String> interfaceMonitor() {
    return List.of("ovsdb-client", "monitor", database(), "Open_vSwitch", "Interface", "name,ofport", "--format=csv");
  }

  public Map<String, String> env() {
    return env;
  }

  /**
   * One {@code ovs-vsctl} call (a lookup runs on every change, so it should be cheap): interfaces
   * with their OpenFlow port, bridges with their ports, ports by row id, as JSON.
   */
  @Override
  public Ports ports() {
    String out = vsctl("--format=json", "--", "--columns=name,ofport", "list", "interface", "--",
        "--columns=name,ports", "list", "bridge", "--", "--columns=_uuid,name", "list", "port");
    return PortTable.parse(out);
  }

  @Override
  public void bundle(String bridge, String flows) {
    run(List.of("ovs-ofctl", "--bundle", "add-flows", bridge, "-"), flows);
  }

  @Override
  public int countFlows(String bridge, String match) {
    return (int) run(List.of("ovs-ofctl", "--no-stats", "dump-flows", bridge, match), null).lines()
        .filter(l -> l.contains("actions=")).count();
  }

  @Override
  public void flushZone(int zone) {
    // OVS 3.1: naming the datapath here fails ("field netdev@ovs-netdev missing value"); a node has one.
    run(List.of("ovs-appctl", "dpctl/flush-conntrack", "zone=" + zone), null);
  }

  /**
   * One {@code ovs-appctl} per zone (it takes one zone), up to four at a time: a first filter on 100
   * NICs flushes 100 zones, and the calls mostly wait on process start-up and the daemon.
   */
  @Override
  public void flushZones(java.util.Collection<Integer> zones) {
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(4);
    for (int zone : zones) {
      slots.acquireUninterruptibly();
      calls.add(CompletableFuture.runAsync(() -> {
        try {
          flushZone(zone);
        } finally {
          slots.release();
        }
      }, READERS));
    }
    try {
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof CommandFailedException c ? c : e;
    }
  }

  private String vsctl(String... args) {
    List<String> cmd = new ArrayList<>(List.of("ovs-vsctl", "--timeout=15"));
    cmd.addAll(List.of(args));
    return run(cmd, null);
  }

  /** Runs a tool, feeding it {@code stdin}; its stdout, or OVS_ERROR with its stderr. */
  String run(List<String> command, String stdin) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new CommandFailedException("OVS_UNAVAILABLE", "cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
    try {
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()), READERS);
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()), READERS);
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new CommandFailedException("OVS_ERROR", String.join(" ", command) + " timed out after "
            + TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        String e = err.join().strip();
        String code = e.contains("database connection failed") || e.contains("cannot connect") ? "OVS_UNAVAILABLE"
            : "OVS_ERROR";
        throw new CommandFailedException(code, String.join(" ", command.subList(0, Math.min(4, command.size())))
            + " failed (exit " + p.exitValue() + "): " + e);
      }
      return out.join();
    } catch (IOException e) {
      p.destroyForcibly();
      throw new CommandFailedException("OVS_ERROR", "cannot talk to " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new CommandFailedException("INTERRUPTED", "agent is stopping", e);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
