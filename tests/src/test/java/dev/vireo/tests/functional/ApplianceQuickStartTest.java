package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vireo.tests.support.ApplianceCommand;
import dev.vireo.tests.support.Virsh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start on the real hypervisor: {@code bin/vireo up}, then the printed
 * {@code bin/vireo vm create} line, then every power operation through the CLI, checked against
 * what libvirt really runs.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplianceQuickStartTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path state;
  private ApplianceCommand vireo;
  private final List<String> domains = new ArrayList<>();

  @BeforeAll
  void up() {
    Virsh.requireLibvirt();
    vireo = new ApplianceCommand(state);
    String out = vireo.check(600, "up");
    assertTrue(out.contains("bin/vireo vm create --name demo --image vireo-test-guest --spec 1C1G"), out);
    assertTrue(Files.exists(state.resolve("server/admin-credentials")));
  }

  @AfterAll
  void down() {
    try {
      if (vireo != null) {
        vireo.run(120, "down");
      }
    } finally {
      domains.forEach(Virsh::remove);
    }
  }

  @Test
  @Order(1)
  void secondUpChangesNothing() {
    String out = vireo.check(300, "up");
    assertFalse(out.contains("starting server"), out);
    assertFalse(out.contains("starting agent"), out);
    assertFalse(out.contains("importing"), out);
    JsonNode images = json("image", "list");
    assertEquals(1, images.size(), "the test image is imported once: " + images);
  }

  @Test
  @Order(2)
  void demoVmRunsAndItsGuestBoots() throws Exception {
    JsonNode vm = json("vm", "create", "--name", "demo", "--image", "vireo-test-guest", "--spec", "1C1G");
    String id = vm.get("id").asText();
    domains.add(id);
    assertEquals("RUNNING", vm.get("state").asText());
    assertEquals("running", Virsh.domainState(id));
    awaitConsole(id, log -> log.contains("GUEST-READY"));
  }

  @Test
  @Order(3)
  void stopStartRebootPowerOffAndDeleteEndInTheRightState() throws Exception {
    String id = json("vm", "show", "demo").get("id").asText();

    vireo.check(180, "vm", "stop", "demo");
    assertState(id, "STOPPED", "shut off");
    vireo.check(60, "vm", "stop", "demo");
    assertState(id, "STOPPED", "shut off");

    int boots = readyCount(id);
    vireo.check(120, "vm", "start", "demo");
    assertState(id, "RUNNING", "running");
    awaitConsole(id, log -> count(log) > boots);

    int before = readyCount(id);
    vireo.check(120, "vm", "reboot", "demo");
    assertState(id, "RUNNING", "running");
    awaitConsole(id, log -> count(log) > before);

    vireo.check(120, "vm", "poweroff", "demo");
    assertState(id, "STOPPED", "shut off");

    vireo.check(120, "vm", "delete", "demo");
    assertEquals("absent", Virsh.domainState(id));
    assertFalse(Files.exists(state.resolve("storage/vms").resolve(id)), "the VM's disk directory is removed");
    for (JsonNode vm : json("vm", "list")) {
      assertFalse(vm.get("id").asText().equals(id) && !vm.get("state").asText().equals("DELETED"),
          "a deleted VM is not listed as live: " + vm);
    }
  }

  private void assertState(String id, String inventory, String libvirt) {
    assertEquals(inventory, json("vm", "show", id).get("state").asText());
    assertEquals(libvirt, Virsh.domainState(id));
  }

  private int readyCount(String id) {
    return count(vireo.check(60, "vm", "console-log", id));
  }

  private static int count(String log) {
    return log.split("GUEST-READY", -1).length - 1;
  }

  private void awaitConsole(String id, Predicate<String> condition) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    String log = "";
    while (System.nanoTime() < deadline) {
      log = vireo.check(60, "vm", "console-log", id);
      if (condition.test(log)) {
        return;
      }
      Thread.sleep(2000);
    }
    throw new AssertionError("serial console of " + id + " never reached the expected state:\n" + log);
  }

  private JsonNode json(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--output");
    all.add("json");
    String out = vireo.check(300, all.toArray(String[]::new));
    try {
      JsonNode node = JSON.readTree(out.substring(Math.max(0, firstJson(out))));
      return node.has("items") ? node.get("items") : node;
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + out, e);
    }
  }

  private static int firstJson(String out) {
    int brace = out.indexOf('{');
    int bracket = out.indexOf('[');
    return brace < 0 ? bracket : bracket < 0 ? brace : Math.min(brace, bracket);
  }
}
