package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.VmState;
import dev.vireo.tests.support.Commands;
import dev.vireo.tests.support.TestImage;
import dev.vireo.tests.support.VireoLab;
import dev.vireo.tests.support.Virsh;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An image marked UEFI boots through OVMF on q35 with its own NVRAM, which delete removes. */
@Tag("e2e")
@Timeout(300)
class UefiBootE2eTest {
  private static VireoLab lab;

  @BeforeAll
  static void up() throws Exception {
    lab = VireoLab.start("uefi");
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aUefiImageBootsWithOvmfAndItsNvramGoesWithTheVm() throws Exception {
    String image = lab.importImage(TestImage.path(), "uefi", BootMode.UEFI);
    Accepted created = lab.createVm("efi", image, true);
    String id = created.resourceId();
    lab.succeed(created, Duration.ofSeconds(90));
    assertEquals(BootMode.UEFI, lab.vm(id).bootMode());
    assertEquals("running", Virsh.domainState(id));
    String xml = Commands.check(List.of("virsh", "-c", "qemu:///system", "dumpxml", id), 30);
    assertTrue(xml.contains("q35"), "UEFI guests run on q35");
    assertTrue(xml.contains("OVMF"), "the firmware is OVMF: " + xml);
    assertTrue(Files.exists(lab.vmDir(id).resolve("nvram.fd")), "the VM has its own UEFI variable store");
    lab.awaitGuestReady(id, 1, Duration.ofSeconds(120));

    lab.succeed(lab.client().deleteVm(id), Duration.ofSeconds(90));
    assertEquals(VmState.DELETED, lab.vm(id).state());
    assertFalse(Virsh.isDefined(id));
    assertFalse(Files.exists(lab.vmDir(id)), "disk and NVRAM are removed");
  }
}
