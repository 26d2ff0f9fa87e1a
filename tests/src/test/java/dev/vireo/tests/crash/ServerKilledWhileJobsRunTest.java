package dev.vireo.tests.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.OperationLogFilter;
import dev.vireo.api.client.Paging;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import dev.vireo.api.model.OperationResult;
import dev.vireo.api.model.UpdateVmRequest;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;
import dev.vireo.tests.support.VireoLab;
import dev.vireo.tests.support.Virsh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGKILL of the management server while VM jobs run on the real hypervisor, then a restart on
 * the same data directory. Nothing the API confirmed may be lost, no job may hang, no domain may
 * be created twice, and the inventory must end up telling what libvirt really runs.
 */
@Tag("e2e")
@Timeout(300)
class ServerKilledWhileJobsRunTest {
  /** How long resumed jobs may take after the restart (creates under TCG, an ACPI stop). */
  private static final Duration RESUMED_JOBS = Duration.ofSeconds(120);
  private static VireoLab lab;

  @BeforeAll
  static void up() throws Exception {
    lab = VireoLab.start("srvkill");
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void jobsInFlightFinishAfterRestartAndNothingConfirmedIsLost() throws Exception {
    // A running VM, renamed (a write the API confirmed: its job SUCCEEDED) just before the crash.
    Accepted first = lab.createVm("a", true);
    String vmA = first.resourceId();
    lab.succeed(first, Duration.ofSeconds(90));
    lab.awaitGuestReady(vmA, 1, Duration.ofSeconds(90)); // so the ACPI stop below is heard
    String renamed = lab.vmName("a-renamed");
    lab.succeed(lab.client().updateVm(vmA, new UpdateVmRequest(renamed, "renamed just before the crash")),
        Duration.ofSeconds(30));
    assertEquals(renamed, lab.vm(vmA).name());

    // Two creates and a stop at once; every one confirmed with 202 and a resource id.
    ExecutorService pool = Executors.newFixedThreadPool(3);
    Map<String, Accepted> jobs = new LinkedHashMap<>();
    try {
      Future<Accepted> b = pool.submit(() -> lab.createVm("b", true));
      Future<Accepted> c = pool.submit(() -> lab.createVm("c", true));
      Future<Accepted> stop = pool.submit(() -> lab.client().stopVm(vmA, 60, true));
      jobs.put("create b", b.get());
      jobs.put("create c", c.get());
      jobs.put("stop a", stop.get());
    } finally {
      pool.shutdownNow();
    }
    for (Accepted a : jobs.values()) {
      assertNotNull(a.jobId());
      assertNotNull(a.resourceId());
    }
    String vmB = jobs.get("create b").resourceId();
    String vmC = jobs.get("create c").resourceId();

    // Kill as soon as one of them is RUNNING.
    Map<String, JobState> atKill = new LinkedHashMap<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (atKill.values().stream().noneMatch(s -> s == JobState.RUNNING)) {
      assertTrue(System.nanoTime() < deadline, "no job became RUNNING within 30 s: " + atKill);
      atKill.clear();
      for (Map.Entry<String, Accepted> e : jobs.entrySet()) {
        atKill.put(e.getKey(), lab.client().getJob(e.getValue().jobId()).state());
      }
    }
    assertEquals(137, lab.killServer(), "server exit status after SIGKILL");
    System.out.println("ServerKilledWhileJobsRunTest: job states when the server was killed: " + atKill);
    assertTrue(atKill.values().stream().anyMatch(s -> !s.isFinal()), "something was in flight: " + atKill);

    // Same config, same data directory.
    long restart = System.nanoTime();
    lab.startServer();
    System.out.printf("ServerKilledWhileJobsRunTest: server answered %d ms after the restart%n",
        (System.nanoTime() - restart) / 1_000_000);

    // 1. Every job ends, SUCCEEDED or FAILED with a reason; none stays QUEUED or RUNNING.
    Map<String, Job> outcome = new LinkedHashMap<>();
    for (Map.Entry<String, Accepted> e : jobs.entrySet()) {
      Job j = lab.waitForJob(e.getValue().jobId(), RESUMED_JOBS);
      outcome.put(e.getKey(), j);
      assertTrue(j.state().isFinal(), e.getKey() + " is " + j.state());
      if (j.state() == JobState.FAILED) {
        assertTrue(j.error() != null && !j.error().isBlank(), e.getKey() + " FAILED without a reason");
      }
    }
    System.out.println("ServerKilledWhileJobsRunTest: after the restart: " + outcome.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue().state() + (e.getValue().error() == null ? ""
            : " (" + e.getValue().error() + ")"))
        .collect(Collectors.joining(", ")));
    // Steps are idempotent, so a crash alone is no reason for any of them to fail.
    outcome.forEach((what, j) -> assertEquals(JobState.SUCCEEDED, j.state(),
        what + " failed after the restart: " + j.error() + "\n" + lab.logs()));

    // 1b. The operation log tells the same: each confirmed call's entry took its job's outcome (ADR 0032).
    for (Map.Entry<String, Accepted> e : jobs.entrySet()) {
      String jobId = e.getValue().jobId();
      lab.await(e.getKey() + "'s operation-log entry", Duration.ofSeconds(10), () -> lab.client()
          .operationLogs(OperationLogFilter.LAST_HOUR.withResource(e.getValue().resourceId()), Paging.FIRST_1000)
          .items().stream().anyMatch(x -> jobId.equals(x.jobId()) && x.result() == OperationResult.SUCCEEDED));
    }

    // 2. No committed data lost: every confirmed VM is in the inventory, the rename survived.
    for (String id : List.of(vmA, vmB, vmC)) {
      Vm vm = lab.vm(id);
      assertFalse(vm.state() == VmState.DELETED || vm.state() == VmState.DELETING, id + " is " + vm.state());
    }
    assertEquals(renamed, lab.vm(vmA).name(), "the rename confirmed before the crash");
    assertEquals("renamed just before the crash", lab.vm(vmA).description());
    Set<String> listed = lab.client().listVms(null, null).items().stream().map(Vm::id).collect(Collectors.toSet());
    assertEquals(Set.of(vmA, vmB, vmC), listed, "the inventory holds exactly the confirmed VMs");

    // 3. The inventory tells what libvirt runs (heartbeats reconcile within a few seconds).
    lab.await("inventory matches virsh", Duration.ofSeconds(30), () -> Stream.of(vmA, vmB, vmC)
        .allMatch(id -> matches(lab.vm(id).state(), Virsh.domainState(id))));
    for (String id : List.of(vmA, vmB, vmC)) {
      VmState s = lab.vm(id).state();
      String actual = Virsh.domainState(id);
      assertTrue(matches(s, actual), id + ": inventory " + s + ", libvirt " + actual);
    }
    assertEquals(VmState.STOPPED, lab.vm(vmA).state());
    assertEquals("shut off", Virsh.domainState(vmA));
    assertEquals(VmState.RUNNING, lab.vm(vmB).state());
    assertEquals(VmState.RUNNING, lab.vm(vmC).state());

    // 4. No duplicates: one domain and one VM directory per VM, nothing else of ours.
    List<String> ourDomains = new ArrayList<>();
    for (String name : Virsh.domainNames("vm-")) {
      if (Virsh.title(name).startsWith(lab.vmNamePrefix())) {
        ourDomains.add(name);
      }
    }
    assertEquals(new TreeSet<>(List.of(vmA, vmB, vmC)), new TreeSet<>(ourDomains),
        "domains titled like this lab's VMs");
    assertEquals(ourDomains.size(), new HashSet<>(ourDomains).size(), "a domain listed twice: " + ourDomains);
    try (Stream<Path> dirs = Files.list(lab.storage().resolve("vms"))) {
      assertEquals(Set.of(vmA, vmB, vmC), dirs.map(p -> p.getFileName().toString()).collect(Collectors.toSet()),
          "VM directories in the storage root");
    }

    // 5. The restarted server is fully usable: the stopped VM starts and boots again.
    int boots = lab.readyCountViaApi(vmA);
    lab.succeed(lab.client().startVm(vmA), Duration.ofSeconds(60));
    assertEquals("running", Virsh.domainState(vmA));
    lab.awaitGuestReady(vmA, boots + 1, Duration.ofSeconds(90));
  }

  /** running ↔ RUNNING; shut off or absent ↔ STOPPED or FAILED. */
  private static boolean matches(VmState inventory, String virsh) {
    return switch (virsh) {
      case "running" -> inventory == VmState.RUNNING;
      case "shut off", "absent" -> inventory == VmState.STOPPED || inventory == VmState.FAILED;
      default -> false;
    };
  }
}
