package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CpuMode;
import dev.vireo.api.model.CreateSpecRequest;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.UpdateVmRequest;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.ResizeVmRequest;
import dev.vireo.api.model.VmState;
import dev.vireo.tests.support.Commands;
import dev.vireo.tests.support.GuestExec;
import dev.vireo.tests.support.VireoLab;
import dev.vireo.tests.support.Virsh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Suspend to file and CPU hot-add on the real hypervisor (QEMU under TCG here), checked inside
 * the test guest through its QEMU guest agent: the guest's uptime keeps counting across a
 * suspend/restore (it never boots again) and a hot-added vCPU comes online in the guest. The lab's
 * close removes every domain and file of its VMs, whether the test passed or not.
 */
@Tag("e2e")
@Timeout(600)
class VmOperationsE2eTest {
  private static final Duration JOB = Duration.ofSeconds(180);
  private static final Duration BOOT = Duration.ofSeconds(120);
  private static VireoLab lab;

  @BeforeAll
  static void up() throws Exception {
    lab = VireoLab.start("ops");
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  /** Runs busybox in the guest, waiting for its agent to answer first (it starts late in the boot). */
  private static GuestExec.Result guest(String id, String... args) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      try {
        return GuestExec.busybox(id, 30, args);
      } catch (RuntimeException | AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(1000);
      }
    }
  }

  private static double uptime(String id) throws Exception {
    GuestExec.Result r = guest(id, "cat", "/proc/uptime");
    assertEquals(0, r.exitCode(), r.stderr());
    return Double.parseDouble(r.stdout().strip().split("\\s+")[0]);
  }

  private static String onlineCpus(String id) throws Exception {
    return guest(id, "cat", "/sys/devices/system/cpu/online").stdout().strip();
  }

  @Test
  void suspendToFileThenRestoreKeepsTheGuestRunning() throws Exception {
    Accepted created = lab.createVm("suspend", true);
    String id = created.resourceId();
    lab.succeed(created, JOB);
    lab.awaitGuestReady(id, 1, BOOT);
    double before = uptime(id);

    Job suspend = lab.succeed(lab.client().suspendVm(id), JOB);
    assertEquals("SUSPEND_VM", suspend.type());
    assertEquals(VmState.SUSPENDED, lab.vm(id).state());
    assertEquals("shut off", Virsh.domainState(id), "a suspended domain is shut off");
    Path image = lab.vmDir(id).resolve("memory.save");
    assertTrue(Files.isRegularFile(image), "the memory is saved in the VM's directory on the shared storage");
    System.out.printf("suspend: %d MiB saved in %s%n", Files.size(image) >> 20, lab.vmDir(id));
    assertEquals("NO_OP", lab.succeed(lab.client().suspendVm(id), JOB).type());

    Thread.sleep(3000); // heartbeats report the domain shut off meanwhile: the VM stays SUSPENDED
    assertEquals(VmState.SUSPENDED, lab.vm(id).state());

    Job resume = lab.succeed(lab.client().resumeVm(id), JOB);
    assertEquals("RESUME_VM", resume.type());
    assertEquals(VmState.RUNNING, lab.vm(id).state());
    assertEquals("running", Virsh.domainState(id));
    assertFalse(Files.exists(image), "the consumed image is deleted");
    double after = uptime(id);
    assertTrue(after >= before, "uptime went on from " + before + " s to " + after + " s, not from zero");
    assertEquals(1, lab.readyCountViaApi(id), "the guest never booted again (one GUEST-READY):\n" + lab.consoleLog(id));
    System.out.printf("suspend %s, resume %s; guest uptime %.1f s before, %.1f s after%n",
        Duration.between(suspend.createdAt(), suspend.finishedAt()), Duration.between(resume.createdAt(),
            resume.finishedAt()), before, after);

    // suspended again, then deleted: the domain and the image go
    lab.succeed(lab.client().suspendVm(id), JOB);
    assertTrue(Files.isRegularFile(image));
    lab.succeed(lab.client().deleteVm(id), JOB);
    assertFalse(Virsh.isDefined(id));
    assertFalse(Files.exists(image), "deleting a suspended VM removes its save image");
  }

  @Test
  void hotAddedCpuIsSeenInTheGuest() throws Exception {
    Accepted created = lab.createVm("hotcpu", true);
    String id = created.resourceId();
    lab.succeed(created, JOB);
    String cluster = lab.vm(id).clusterId();
    lab.succeed(lab.client().createSpec(new CreateSpecRequest(cluster, 2, 1), "spec-2c1g-" + id), JOB);
    lab.awaitGuestReady(id, 1, BOOT);
    assertEquals(2, lab.vm(id).maxCpu(), "a 1 vCPU VM starts with room for 2");
    assertEquals("0", onlineCpus(id));

    Job hot = lab.succeed(lab.client().resizeVm(id, new ResizeVmRequest(null, 2, 1)), JOB);
    assertEquals("RESIZE_VM", hot.type());
    assertEquals(2, lab.vm(id).cpu());
    assertEquals(VmState.RUNNING, lab.vm(id).state());
    String vcpus = Commands.check(List.of("virsh", "-c", "qemu:///system", "vcpucount", id, "--live", "--active"), 30);
    assertEquals("2", vcpus.strip(), "libvirt runs 2 vCPUs");

    // the guest's init onlines CPUs at boot; a CPU hot-added later may need the same nudge
    String online = onlineCpus(id);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!online.equals("0-1") && System.nanoTime() < deadline) {
      Thread.sleep(500);
      online = onlineCpus(id);
    }
    boolean autoOnline = online.equals("0-1");
    if (!autoOnline) {
      guest(id, "sh", "-c", "echo 1 > /sys/devices/system/cpu/cpu1/online");
      online = onlineCpus(id);
    }
    assertEquals("0-1", online, "the hot-added vCPU is online in the guest");
    System.out.println("hot-added vCPU online in the guest " + (autoOnline ? "by itself" : "after echo 1 > online"));
    assertEquals("2", guest(id, "nproc").stdout().strip());

    ApiException shrink = assertThrows(ApiException.class,
        () -> lab.client().resizeVm(id, new ResizeVmRequest(null, 1, 1)));
    assertEquals(409, shrink.status());
    assertEquals("cpu", shrink.field());
    assertEquals(1, lab.readyCountViaApi(id), "no reboot");
  }

  @Test
  void cpuModeFromTheHostsCapabilitiesAndAStoppedResizeReachTheGuest() throws Exception {
    Accepted created = lab.client().createVm(new CreateVmRequest(lab.vmName("cpumode"), null, lab.imageId(), "1C1G",
        null, 1, true, null, null, null, null, null, null, CpuMode.HOST_PASSTHROUGH), "create-cpumode");
    String id = created.resourceId();
    lab.succeed(created, JOB);
    assertEquals(CpuMode.HOST_PASSTHROUGH, lab.vm(id).cpuMode());
    String xml = dumpxml(id);
    // no /dev/kvm here: libvirt offers no host-passthrough under TCG, so the agent asks for QEMU's maximum model
    String expected = lab.node().orElseThrow().domainType().equals("kvm") ? "host-passthrough" : "maximum";
    assertTrue(xml.contains("<cpu mode='" + expected + "'"), xml);
    lab.awaitGuestReady(id, 1, BOOT);

    lab.succeed(lab.client().powerOffVm(id), JOB);
    lab.succeed(lab.client().updateVm(id, new UpdateVmRequest(null, null, null, CpuMode.CUSTOM)), JOB);
    Job resize = lab.succeed(lab.client().resizeVm(id, new ResizeVmRequest("1C2G", null, null)), JOB);
    assertEquals("RESIZE_VM", resize.type());
    assertTrue(dumpxml(id).contains("<memory unit='KiB'>2097152</memory>"), "the stopped domain is redefined at once");
    lab.succeed(lab.client().startVm(id), JOB);
    xml = dumpxml(id);
    assertTrue(xml.contains("<cpu mode='custom'") && xml.contains(">qemu64</model>"), xml);
    lab.awaitGuestReady(id, 2, BOOT);
    String meminfo = guest(id, "head", "-1", "/proc/meminfo").stdout();
    long kib = Long.parseLong(meminfo.replaceAll("[^0-9]", ""));
    assertTrue(kib > 1_700_000 && kib <= 2_097_152, "the guest sees about 2 GiB: " + meminfo);
    System.out.printf("cpu mode %s under %s; after the resize the guest has %d MiB%n", expected,
        lab.node().orElseThrow().domainType(), kib / 1024);
  }

  private static String dumpxml(String id) {
    return Commands.check(List.of("virsh", "-c", "qemu:///system", "dumpxml", id), 30);
  }
}
