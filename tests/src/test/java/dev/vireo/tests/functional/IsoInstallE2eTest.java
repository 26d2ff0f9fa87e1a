package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.ImageFormat;
import dev.vireo.api.model.ImageKind;
import dev.vireo.api.model.ImportImageRequest;
import dev.vireo.api.model.OsType;
import dev.vireo.api.model.VmState;
import dev.vireo.tests.support.Commands;
import dev.vireo.tests.support.TestImage;
import dev.vireo.tests.support.VireoLab;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ISO install (white paper 4.2.4.2, ADR 0029) on the real hypervisor: a VM created from the test
 * installer ISO gets a blank system disk; the firmware finds nothing to boot on it and boots the
 * ISO, whose installer writes the test guest onto vda and powers off; the VM's next start boots
 * the installed disk (boot order disk first). The ISO is then ejected and can be deleted.
 */
@Tag("e2e")
@Timeout(600)
class IsoInstallE2eTest {
  private static final Duration JOB = Duration.ofSeconds(180);
  private static final Duration BOOT = Duration.ofSeconds(150);
  private static VireoLab lab;

  @BeforeAll
  static void up() throws Exception {
    lab = VireoLab.start("iso");
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aVmBootsTheIsoOntoABlankDiskInstallsAndThenBootsItsDisk() throws Exception {
    Accepted imported = lab.client().importImage(new ImportImageRequest(lab.vmName("installer"), "test installer",
        TestImage.installerIso().toString(), ImageFormat.ISO, OsType.LINUX, null, ImageKind.CUSTOM), null);
    lab.succeed(imported, JOB);
    String iso = imported.resourceId();

    Accepted created = lab.client().createVm(new CreateVmRequest(lab.vmName("installed"), null, iso, "1C1G", null, 10,
        true, null), null);
    String vm = created.resourceId();
    lab.succeed(created, JOB);
    assertEquals(iso, lab.vm(vm).cdromImageId());
    String blank = Commands.check(List.of("qemu-img", "info", "-U", lab.vmDir(vm).resolve("system.qcow2")
        .toString()), 30);
    assertTrue(blank.contains("virtual size: 10 GiB") && !blank.contains("backing file"), "a blank disk: " + blank);
    String xml = Commands.check(List.of("virsh", "-c", "qemu:///system", "dumpxml", vm), 30);
    assertTrue(xml.contains("device='cdrom'") && xml.contains(iso + ".iso"), xml);

    // the installer runs from the ISO, writes vda and powers the VM off
    lab.awaitVmState(vm, VmState.STOPPED, BOOT);
    String log = lab.consoleLog(vm);
    assertTrue(log.contains("VIREO-INSTALLED target=vda"), "the installer ran: " + log);
    assertEquals(0, VireoLab.readyCount(log), "the installer is not the installed system");

    lab.succeed(lab.client().ejectCdrom(vm), JOB);
    assertNull(lab.vm(vm).cdromImageId());
    String ejected = Commands.check(List.of("virsh", "-c", "qemu:///system", "dumpxml", "--inactive", vm), 30);
    assertFalse(ejected.contains(iso + ".iso"), "the definition has no ISO any more: " + ejected);

    lab.succeed(lab.client().startVm(vm), JOB);
    lab.awaitGuestReady(vm, 1, BOOT);
    assertEquals(1, lab.consoleLog(vm).split("VIREO-INSTALLED", -1).length - 1, "no second install: it booted vda");
    lab.succeed(lab.client().deleteImage(iso, false), JOB);
    lab.succeed(lab.client().deleteVm(vm), JOB);
  }
}
