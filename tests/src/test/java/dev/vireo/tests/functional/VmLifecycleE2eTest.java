package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.VmState;
import dev.vireo.tests.support.VireoLab;
import dev.vireo.tests.support.Virsh;
import dev.vireo.api.model.Image;
import dev.vireo.tests.support.Commands;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One VM through its whole life on the real hypervisor: each API operation is checked against
 * what libvirt runs (virsh) and what the guest prints on its serial console.
 */
@Tag("e2e")
@Timeout(300)
class VmLifecycleE2eTest {
  private static final Duration JOB = Duration.ofSeconds(90);
  private static final Duration BOOT = Duration.ofSeconds(90);
  private static VireoLab lab;

  @BeforeAll
  static void up() throws Exception {
    lab = VireoLab.start("life");
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void createStopStartRebootPowerOffDelete() throws Exception {
    // create -> RUNNING, and the guest really boots
    Accepted created = lab.createVm("one", true);
    String id = created.resourceId();
    lab.succeed(created, JOB);
    assertEquals(VmState.RUNNING, lab.vm(id).state());
    assertEquals("running", Virsh.domainState(id));
    lab.awaitGuestReady(id, 1, BOOT);

    // stop (ACPI) -> STOPPED, domain shut off
    Job stop = lab.succeed(lab.client().stopVm(id, 60, false), JOB);
    assertEquals("STOP_VM", stop.type());
    assertEquals(VmState.STOPPED, lab.vm(id).state());
    assertEquals("shut off", Virsh.domainState(id));

    // stop again -> succeeds without work (idempotent by target state)
    Job again = lab.succeed(lab.client().stopVm(id, null, null), JOB);
    assertEquals("NO_OP", again.type());
    assertEquals(VmState.STOPPED, lab.vm(id).state());
    assertEquals("shut off", Virsh.domainState(id));

    // start -> RUNNING and a second boot on the console
    int before = lab.readyCountViaApi(id);
    lab.succeed(lab.client().startVm(id), JOB);
    assertEquals(VmState.RUNNING, lab.vm(id).state());
    assertEquals("running", Virsh.domainState(id));
    lab.awaitGuestReady(id, before + 1, BOOT);

    // reboot -> RUNNING, the same domain boots once more
    int beforeReboot = lab.readyCountViaApi(id);
    lab.succeed(lab.client().rebootVm(id), JOB);
    assertEquals(VmState.RUNNING, lab.vm(id).state());
    lab.awaitGuestReady(id, beforeReboot + 1, BOOT);
    assertEquals("running", Virsh.domainState(id));

    // poweroff -> STOPPED at once
    lab.succeed(lab.client().powerOffVm(id), JOB);
    assertEquals(VmState.STOPPED, lab.vm(id).state());
    assertEquals("shut off", Virsh.domainState(id));

    // the system disk is a qcow2 overlay on the image, and booting never wrote the image (ADR 0004)
    Image image = lab.client().getImage(lab.imageId());
    String info = Commands.check(List.of("qemu-img", "info", "-U", lab.vmDir(id).resolve("system.qcow2").toString()), 30);
    assertTrue(info.contains("backing file: ") && info.contains(image.id()), "overlay on the image: " + info);
    assertEquals(image.checksumSha256(), sha256(lab.storage().resolve("images").resolve(image.id() + ".qcow2")),
        "the base image is unchanged after the VM ran");

    // delete -> gone from libvirt and from storage, DELETED in the inventory
    assertTrue(Files.isDirectory(lab.vmDir(id)), "the VM directory exists before delete");
    lab.succeed(lab.client().deleteVm(id), JOB);
    assertEquals(VmState.DELETED, lab.vm(id).state());
    assertFalse(Virsh.isDefined(id), "domain still defined after delete: " + Virsh.domainState(id));
    assertFalse(Files.exists(lab.vmDir(id)), "VM directory still there: " + lab.vmDir(id));
    assertTrue(lab.client().listVms(null, null).items().stream().noneMatch(v -> v.id().equals(id)),
        "a deleted VM is not listed");
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
