package dev.vireo.tests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Watches every QEMU process on this machine (the lab's nodes share its PID namespace) and records
 * each moment a VM runs in more than one of them — the split brain HA must never allow.
 */
public final class QemuWatch implements AutoCloseable {
  private final List<String> vmIds;
  private final Duration every;
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicLong scans = new AtomicLong();
  private final Thread thread;
  private volatile boolean stop;

  private QemuWatch(List<String> vmIds, Duration every) {
    this.vmIds = List.copyOf(vmIds);
    this.every = every;
    this.thread = new Thread(this::loop, "qemu-watch");
    thread.setDaemon(true);
  }

  public static QemuWatch start(List<String> vmIds, Duration every) {
    QemuWatch w = new QemuWatch(vmIds, every);
    w.thread.start();
    return w;
  }

  private void loop() {
    while (!stop) {
      Map<String, List<String>> found = scan();
      scans.incrementAndGet();
      found.forEach((vm, pids) -> {
        if (pids.size() > 1) {
          violations.add(Instant.now() + " " + vm + " in QEMU processes " + pids);
        }
      });
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** VM id → PIDs of the QEMU processes running it now. */
  public Map<String, List<String>> scan() {
    Map<String, List<String>> found = new HashMap<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String cmd;
        try {
          cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
          continue; // exited meanwhile
        }
        if (!cmd.startsWith("/usr/bin/qemu-system") && !cmd.contains("qemu-system-")) {
          continue;
        }
        for (String vm : vmIds) {
          if (cmd.contains("guest=" + vm + ",") || cmd.contains("guest=" + vm + "\0")) {
            found.computeIfAbsent(vm, k -> new ArrayList<>()).add(p.getFileName().toString());
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return found;
  }

  /** QEMU processes running the VM now. */
  public int running(String vmId) {
    return scan().getOrDefault(vmId, List.of()).size();
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  public long scans() {
    return scans.get();
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.interrupt();
    thread.join(2000);
  }
}
