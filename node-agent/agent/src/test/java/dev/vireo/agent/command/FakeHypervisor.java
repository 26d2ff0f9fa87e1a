package dev.vireo.agent.command;

import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.DomainStatus;
import dev.vireo.agent.protocol.HostFacts;
import dev.vireo.agent.protocol.VmDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A hypervisor in memory: domains and their power states, and the calls made, in order. A guest
 * obeys the ACPI power button after {@link #acpiPressesToShutOff} presses (0 = never).
 */
public final class FakeHypervisor implements Hypervisor {
  public final Map<String, DomainPowerState> domains = new ConcurrentHashMap<>();
  public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  /** The devices of the last define. */
  public volatile DomainDevices lastDevices;
  public volatile int acpiPressesToShutOff = 1;
  /** Thrown by {@link #start}, when set: what libvirt would say. */
  public volatile RuntimeException startFailure;
  /** When set, {@link #start} waits for it: a slow libvirt. */
  public volatile CountDownLatch startGate;
  /** Thrown by {@link #destroy}, when set. */
  public volatile RuntimeException destroyFailure;
  /** How long {@link #destroy} takes: a slow libvirt. */
  public volatile long destroyDelayMillis;
  private int presses;
  /** Data disks per domain, target to path: in the persistent definition and in the running guest. */
  public final Map<String, Map<String, String>> configDisks = new ConcurrentHashMap<>();
  public final Map<String, Map<String, String>> liveDisks = new ConcurrentHashMap<>();

  @Override
  public Map<String, String> dataDisks(String domain, boolean live) {
    return Map.copyOf((live ? liveDisks : configDisks).getOrDefault(domain, Map.of()));
  }

  @Override
  public void attachDisk(String domain, dev.vireo.agent.protocol.DataDiskDefinition disk, boolean live) {
    calls.add("attach " + domain + " " + disk.target() + (live ? " live" : " config"));
    configDisks.computeIfAbsent(domain, d -> new ConcurrentHashMap<>()).put(disk.target(), disk.path());
    if (live) {
      liveDisks.computeIfAbsent(domain, d -> new ConcurrentHashMap<>()).put(disk.target(), disk.path());
    }
  }

  @Override
  public void detachDisk(String domain, dev.vireo.agent.protocol.DataDiskDefinition disk, boolean live) {
    calls.add("detach " + domain + " " + disk.target() + (live ? " live" : " config"));
    configDisks.getOrDefault(domain, new ConcurrentHashMap<>()).remove(disk.target());
    if (live) {
      liveDisks.getOrDefault(domain, new ConcurrentHashMap<>()).remove(disk.target());
    }
  }

  @Override
  public void blockResize(String domain, String target, long sizeBytes) {
    calls.add("blockresize " + domain + " " + target + " " + sizeBytes);
  }

  // --- storage live migration (ADR 0026) ---

  /** Thrown by {@link #blockCopy} after it wrote part of the copy, when set. */
  public volatile RuntimeException blockCopyFailure;

  /** Writes {@code dest} (as libvirt creates it) and pivots the live disk to it, or fails half way. */
  @Override
  public void blockCopy(String domain, String target, String dest) {
    calls.add("blockcopy " + domain + " " + target + " " + dest);
    try {
      java.nio.file.Files.writeString(java.nio.file.Path.of(dest), "copy");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    if (blockCopyFailure != null) {
      throw blockCopyFailure;
    }
    liveDisks.computeIfAbsent(domain, d -> new ConcurrentHashMap<>()).put(target, dest);
  }

  // --- devices (ADR 0027): device XML elements per domain, persistent and live ---
  public final Map<String, List<String>> configDevices = new ConcurrentHashMap<>();
  public final Map<String, List<String>> liveDevices = new ConcurrentHashMap<>();

  @Override
  public void attachDevice(String domain, String deviceXml, boolean live) {
    calls.add("attachDevice " + domain + (live ? " live" : ""));
    configDevices.computeIfAbsent(domain, d -> Collections.synchronizedList(new ArrayList<>())).add(deviceXml);
    if (live) {
      liveDevices.computeIfAbsent(domain, d -> Collections.synchronizedList(new ArrayList<>())).add(deviceXml);
    }
  }

  @Override
  public void detachDevice(String domain, String deviceXml, boolean live) {
    calls.add("detachDevice " + domain + (live ? " live" : ""));
    configDevices.getOrDefault(domain, new ArrayList<>()).remove(deviceXml);
    if (live) {
      liveDevices.getOrDefault(domain, new ArrayList<>()).remove(deviceXml);
    }
  }

  @Override
  public String domainXml(String domain, boolean live) {
    if (!domains.containsKey(domain)) {
      return null;
    }
    return "<domain>" + String.join("", (live ? liveDevices : configDevices).getOrDefault(domain, List.of()))
        + "</domain>";
  }
  // --- end devices ---

  /** The NIC MACs of domains, for {@link #nicMacs}. */
  public final Map<String, List<String>> macs = new ConcurrentHashMap<>();

  @Override
  public List<String> nicMacs(String domain) {
    return domains.containsKey(domain) ? macs.getOrDefault(domain, List.of()) : List.of();
  }

  @Override
  public DomainPowerState state(String domain) {
    return domains.getOrDefault(domain, DomainPowerState.ABSENT);
  }

  // --- vm operations: save/restore write and read a file, vCPUs are counted ---

  /** vCPUs by domain (hot-added or set in the definition). */
  public final Map<String, Integer> vcpus = new ConcurrentHashMap<>();
  @Override
  public void save(String domain, java.nio.file.Path file) {
    calls.add("save " + domain);
    try {
      java.nio.file.Files.writeString(file, "memory of " + domain);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    domains.put(domain, DomainPowerState.SHUTOFF);
  }

  @Override
  public void restore(java.nio.file.Path file) {
    String domain;
    try {
      domain = java.nio.file.Files.readString(file).substring("memory of ".length()); // what save wrote
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    calls.add("restore " + domain);
    domains.put(domain, DomainPowerState.RUNNING);
  }

  @Override
  public void setVcpus(String domain, int count) {
    calls.add("setvcpus " + domain + " " + count);
    vcpus.put(domain, count);
  }

  @Override
  public int vcpus(String domain) {
    return vcpus.getOrDefault(domain, 1);
  }

  /** Domains of the destination "node" a fake migration moves domains to, by libvirt URI. */
  public final Map<String, Map<String, DomainPowerState>> remote = new ConcurrentHashMap<>();

  @Override
  public Migration migrate(String domain, String destinationUri, Long maxDowntimeMillis) {
    calls.add("migrate " + domain + " " + destinationUri);
    DomainPowerState s = domains.remove(domain);
    remote.computeIfAbsent(destinationUri, u -> new ConcurrentHashMap<>()).put(domain, s);
    return new Migration(5, 1L, 1024L);
  }

  @Override
  public DomainPowerState stateAt(String libvirtUri, String domain) {
    return remote.getOrDefault(libvirtUri, Map.of()).getOrDefault(domain, DomainPowerState.ABSENT);
  }

  @Override
  public Integer vncPort(String domain) {
    return state(domain) == DomainPowerState.RUNNING ? 5900 : null;
  }

  @Override
  public Integer spicePort(String domain) {
    return state(domain) == DomainPowerState.RUNNING ? 5901 : null;
  }

  @Override
  public int setDisplayPassword(String domain, String password, java.time.Instant validUntil) {
    calls.add("vnc-password " + domain + " " + password);
    return vncPort(domain);
  }

  @Override
  public int setSpicePassword(String domain, String password, java.time.Instant validUntil) {
    calls.add("spice-password " + domain + " " + password);
    return spicePort(domain);
  }

  @Override
  public void define(VmDefinition vm, DomainDevices devices) {
    lastDevices = devices;
    calls.add("define " + vm.domainName());
    domains.putIfAbsent(vm.domainName(), DomainPowerState.SHUTOFF);
  }

  @Override
  public void start(String domain) {
    calls.add("start " + domain);
    if (startGate != null) {
      try {
        startGate.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (startFailure != null) {
      throw startFailure;
    }
    domains.put(domain, DomainPowerState.RUNNING);
  }

  @Override
  public synchronized void pressPowerButton(String domain) {
    calls.add("acpi " + domain);
    if (acpiPressesToShutOff > 0 && ++presses >= acpiPressesToShutOff) {
      domains.put(domain, DomainPowerState.SHUTOFF);
    }
  }

  @Override
  public void destroy(String domain) {
    calls.add("destroy " + domain);
    if (destroyDelayMillis > 0) {
      try {
        Thread.sleep(destroyDelayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (destroyFailure != null) {
      throw destroyFailure;
    }
    domains.put(domain, DomainPowerState.SHUTOFF);
  }

  @Override
  public void reboot(String domain) {
    calls.add("reboot " + domain);
  }

  @Override
  public void undefine(String domain) {
    calls.add("undefine " + domain);
    domains.remove(domain);
  }

  @Override
  public void forget(String domain) {
    calls.add("forget " + domain);
    domains.remove(domain);
  }

  @Override
  public List<DomainStatus> domains(String prefix) {
    return domains.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
        .map(e -> new DomainStatus(e.getKey(), e.getValue(), null)).toList();
  }

  /** The counters {@link #domainCounters} returns, by domain: set them as libvirt would count. */
  public final Map<String, DomainCounters> counters = new java.util.concurrent.ConcurrentSkipListMap<>();

  @Override
  public List<DomainCounters> domainCounters(String prefix) {
    return counters.values().stream().filter(c -> c.domain().startsWith(prefix)).toList();
  }

  @Override
  public HostFacts facts() {
    return new HostFacts("fake", "x86_64", "fake cpu", 4, 1, 4, 1, 8L << 30, "0", "qemu", "9.0.0", "8.0.0");
  }

  @Override
  public void onLifecycleEvent(LifecycleSink sink) {}
}
