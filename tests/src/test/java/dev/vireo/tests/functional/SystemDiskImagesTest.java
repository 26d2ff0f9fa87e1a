package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.protocol.AdoptVolumeCommand;
import dev.vireo.agent.protocol.AgentCommand;
import dev.vireo.agent.protocol.CreateSystemDiskCommand;
import dev.vireo.agent.protocol.EjectCdromCommand;
import dev.vireo.agent.protocol.ExportSystemDiskCommand;
import dev.vireo.agent.protocol.ReinstallSystemDiskCommand;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.FakeNodeApiTest;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0029 through the API on a fake node: images made from VMs, image download with ranges,
 * reinstall within the OS family, a VM from a data disk holding an OS, and ISO install with eject;
 * each refusal names its field and rule, and a failed job leaves things as they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemDiskImagesTest extends FakeNodeApiTest {
  @Override
  protected String imageName() {
    return "sysimg-linux";
  }

  private String createVm(String name, String image, boolean start) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/vms", token, "{\"name\":\"" + name + "\",\"image\":\"" + image
        + "\",\"spec\":\"1C2G\",\"start\":" + start + "}");
    api.succeeded(token, r);
    return r.json().get("resourceId").asText();
  }

  private String importImage(String name, String osType, String format, Path file) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/images", token, "{\"name\":\"" + name + "\",\"source\":\""
        + file.toAbsolutePath() + "\",\"format\":\"" + format + "\",\"osType\":\"" + osType + "\"}");
    api.succeeded(token, r);
    return r.json().get("resourceId").asText();
  }

  private <T extends AgentCommand> List<T> sent(Class<T> type) {
    return node.systemDiskImageCommands().stream().filter(type::isInstance).map(type::cast).toList();
  }

  private String storage() {
    return dir.resolve("storage").toAbsolutePath().normalize().toString();
  }

  @Test
  void aStoppedVmBecomesACustomImageThatDownloadsWithRanges() throws Exception {
    String vm = createVm("sysimg-src", imageId, true);
    assertRefused(409, null, "STOPPED", api.send("POST", "/api/v1/vms/" + vm + "/image", token,
        "{\"name\":\"sysimg-made\"}"));
    assertRefused(422, "name", "required", api.send("POST", "/api/v1/vms/" + vm + "/image", token, "{}"));
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/poweroff", token, null));
    assertRefused(409, null, "already exists", api.send("POST", "/api/v1/vms/" + vm + "/image", token,
        "{\"name\":\"sysimg-linux\"}"));

    Api.Reply r = api.send("POST", "/api/v1/vms/" + vm + "/image", token, "{\"name\":\"sysimg-made\"}");
    assertEquals(202, r.status(), r.toString());
    assertEquals("image", r.json().get("resourceType").asText());
    String made = r.json().get("resourceId").asText();
    api.succeeded(token, r);
    JsonNode image = get("/api/v1/images/" + made);
    assertEquals("AVAILABLE", image.get("state").asText());
    assertEquals("CUSTOM", image.get("kind").asText());
    assertEquals("LINUX", image.get("osType").asText());
    assertEquals(1L << 30, image.get("virtualSizeBytes").asLong());
    ExportSystemDiskCommand export = sent(ExportSystemDiskCommand.class).get(0);
    assertEquals(storage() + "/vms/" + vm + "/system.qcow2", export.systemDiskPath());
    assertEquals(storage() + "/images/" + made + ".qcow2", export.imagePath());

    // download: the whole file, a range, a suffix, and a range outside it
    byte[] file = Files.readAllBytes(Path.of(export.imagePath()));
    Api.Reply whole = api.send("GET", "/api/v1/images/" + made + "/file", token, null);
    assertEquals(200, whole.status());
    assertEquals("\"" + image.get("checksumSha256").asText() + "\"", whole.header("ETag"));
    assertEquals(String.valueOf(file.length), whole.header("Content-Length"));
    assertTrue(whole.header("Content-Disposition").contains("sysimg-made.qcow2"), whole.header("Content-Disposition"));
    Api.Reply part = api.send("GET", "/api/v1/images/" + made + "/file", token, null, null,
        Map.of("Range", "bytes=4-7"));
    assertEquals(206, part.status(), part.toString());
    assertEquals("bytes 4-7/" + file.length, part.header("Content-Range"));
    assertEquals("4", part.header("Content-Length"));
    Api.Reply suffix = api.send("GET", "/api/v1/images/" + made + "/file", token, null, null,
        Map.of("Range", "bytes=-10"));
    assertEquals("bytes " + (file.length - 10) + "-" + (file.length - 1) + "/" + file.length,
        suffix.header("Content-Range"));
    assertRefused(416, "Range", "byte range", api.send("GET", "/api/v1/images/" + made + "/file", token, null, null,
        Map.of("Range", "bytes=" + file.length + "-")));
    assertEquals(404, api.send("GET", "/api/v1/images/img-000000000000/file", token, null).status());
    assertEquals(401, api.send("GET", "/api/v1/images/" + made + "/file", null, null).status());

    // a failed copy leaves a FAILED image and no file
    node.failDiskCommands("disk full");
    try {
      Api.Reply failed = api.send("POST", "/api/v1/vms/" + vm + "/image", token, "{\"name\":\"sysimg-broken\"}");
      JsonNode job = api.waitForJob(token, failed.json().get("jobId").asText());
      assertEquals("FAILED", job.get("state").asText());
      assertTrue(job.get("error").asText().contains("disk full"), job.toString());
      assertEquals("FAILED", get("/api/v1/images/" + failed.json().get("resourceId").asText()).get("state").asText());
      assertFalse(Files.exists(Path.of(storage(), "images", failed.json().get("resourceId").asText() + ".qcow2")));
    } finally {
      node.failDiskCommands(null);
    }
  }

  @Test
  void aVmIsReinstalledOnlyFromAnImageOfItsFamilyAndComesBackRunning() throws Exception {
    String windows = importImage("sysimg-windows", "WINDOWS", "QCOW2", Fixtures.smallQcow2(dir, "win"));
    String other = importImage("sysimg-linux2", "LINUX", "QCOW2", Fixtures.smallQcow2(dir, "linux2"));
    String vm = createVm("sysimg-re", imageId, true);
    String path = "/api/v1/vms/" + vm + "/reinstall";
    assertRefused(422, "image", "required", api.send("POST", path, token, "{}"));
    assertRefused(422, "image", "unknown image", api.send("POST", path, token, "{\"image\":\"nope\"}"));
    assertRefused(422, "image", "only from LINUX", api.send("POST", path, token, "{\"image\":\"" + windows + "\"}"));
    assertRefused(422, "password", "", api.send("POST", path, token, "{\"image\":\"" + other
        + "\",\"password\":\"short\"}"));

    Api.Reply r = api.send("POST", path, token, "{\"image\":\"sysimg-linux2\",\"password\":\"a-new-secret\"}");
    assertEquals(202, r.status(), r.toString());
    api.succeeded(token, r);
    JsonNode after = get("/api/v1/vms/" + vm);
    assertEquals("RUNNING", after.get("state").asText());
    assertEquals(other, after.get("imageId").asText());
    ReinstallSystemDiskCommand sentCommand = sent(ReinstallSystemDiskCommand.class).get(0);
    assertTrue(sentCommand.imagePath().endsWith(other + ".qcow2"), sentCommand.toString());
    assertEquals(storage() + "/vms/" + vm + "/system.qcow2", sentCommand.systemDiskPath());
    assertEquals("RUNNING", node.domainState(vm).name(), "started again");

    // snapshots live in the disk a reinstall replaces: refused while there are any
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/snapshots", token, "{\"name\":\"keep\"}"));
    assertRefused(409, null, "snapshot", api.send("POST", path, token, "{\"image\":\"" + imageId + "\"}"));
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm + "/snapshots/keep", token, null));

    // a failed replacement leaves the old disk, and the VM running as before
    node.failDiskCommands("image unreadable");
    try {
      Api.Reply failed = api.send("POST", path, token, "{\"image\":\"" + imageId + "\"}");
      JsonNode job = api.waitForJob(token, failed.json().get("jobId").asText());
      assertEquals("FAILED", job.get("state").asText());
      JsonNode vmAfter = get("/api/v1/vms/" + vm);
      assertEquals("RUNNING", vmAfter.get("state").asText(), vmAfter.toString());
      assertTrue(vmAfter.get("stateReason").asText().contains("image unreadable"), vmAfter.toString());
      assertEquals(other, vmAfter.get("imageId").asText(), "still on the image it had");
    } finally {
      node.failDiskCommands(null);
    }
  }

  @Test
  void aDataDiskHoldingAnOsBecomesANewVmsSystemDisk() throws Exception {
    Api.Reply d = api.send("POST", "/api/v1/disks", token, "{\"name\":\"sysimg-osdisk\",\"sizeGiB\":12}");
    api.succeeded(token, d);
    String disk = d.json().get("resourceId").asText();
    String base = "{\"name\":\"sysimg-fromdisk\",\"spec\":\"1C2G\",\"start\":true";
    assertRefused(422, "bootDisk", "not both", api.send("POST", "/api/v1/vms", token, base + ",\"image\":\"" + imageId
        + "\",\"bootDisk\":\"" + disk + "\"}"));
    assertRefused(422, "image", "bootDisk", api.send("POST", "/api/v1/vms", token, base + "}"));
    assertRefused(422, "osType", "only with bootDisk", api.send("POST", "/api/v1/vms", token, base + ",\"image\":\""
        + imageId + "\",\"osType\":\"WINDOWS\"}"));
    assertRefused(422, "bootDisk", "unknown disk", api.send("POST", "/api/v1/vms", token, base
        + ",\"bootDisk\":\"disk-000000000000\"}"));
    assertRefused(422, "systemDiskGiB", "never shrinks", api.send("POST", "/api/v1/vms", token, base + ",\"bootDisk\":\""
        + disk + "\",\"systemDiskGiB\":11}"));
    assertEquals("AVAILABLE", get("/api/v1/disks/" + disk).get("state").asText(), "a refused create reserves nothing");

    // a failed create gives the disk back
    node.failDiskCommands("rename refused");
    try {
      Api.Reply failed = api.send("POST", "/api/v1/vms", token, base.replace("sysimg-fromdisk", "sysimg-fromdisk-x")
          + ",\"bootDisk\":\"" + disk + "\"}");
      assertEquals(202, failed.status(), failed.toString());
      assertEquals("FAILED", api.waitForJob(token, failed.json().get("jobId").asText()).get("state").asText());
      assertEquals("AVAILABLE", get("/api/v1/disks/" + disk).get("state").asText());
    } finally {
      node.failDiskCommands(null);
    }

    Api.Reply r = api.send("POST", "/api/v1/vms", token, base + ",\"bootDisk\":\"sysimg-osdisk\",\"osType\":\"WINDOWS\","
        + "\"bootMode\":\"UEFI\",\"hostname\":\"fromdisk\"}");
    assertEquals(202, r.status(), r.toString());
    String vm = r.json().get("resourceId").asText();
    api.succeeded(token, r);
    JsonNode created = get("/api/v1/vms/" + vm);
    assertTrue(created.get("imageId").isNull(), created.toString());
    assertEquals("WINDOWS", created.get("osType").asText());
    assertEquals("UEFI", created.get("bootMode").asText());
    assertEquals(12, created.get("systemDiskGiB").asInt());
    assertEquals("RUNNING", created.get("state").asText());
    JsonNode consumed = get("/api/v1/disks/" + disk);
    assertEquals("DELETED", consumed.get("state").asText());
    assertTrue(consumed.get("stateReason").asText().contains(vm), consumed.toString());
    List<AdoptVolumeCommand> moves = sent(AdoptVolumeCommand.class);
    AdoptVolumeCommand move = moves.get(moves.size() - 1);
    assertEquals(storage() + "/disks/" + disk + ".qcow2", move.sourcePath());
    assertEquals(storage() + "/vms/" + vm + "/system.qcow2", move.targetPath());
    assertEquals(move.targetPath(), node.lastDefinition(vm).vm().systemDiskPath());
    // the consumed disk is gone from the disks: it cannot boot another VM
    assertRefused(422, "bootDisk", "unknown disk", api.send("POST", "/api/v1/vms", token, base.replace("sysimg-fromdisk",
        "sysimg-fromdisk-2") + ",\"bootDisk\":\"" + disk + "\"}"));
  }

  @Test
  void anIsoInstallsOntoABlankDiskAndIsEjectedAfterwards() throws Exception {
    Path isoFile = Files.write(dir.resolve("installer.iso"), new byte[64 * 1024]);
    String iso = importImage("sysimg-installer", "LINUX", "ISO", isoFile);
    String base = "{\"name\":\"sysimg-iso\",\"image\":\"" + iso + "\",\"spec\":\"1C2G\",\"start\":true";
    assertRefused(422, "systemDiskGiB", "between 10", api.send("POST", "/api/v1/vms", token, base
        + ",\"systemDiskGiB\":5}"));
    Api.Reply r = api.send("POST", "/api/v1/vms", token, base + "}");
    assertEquals(202, r.status(), r.toString());
    String vm = r.json().get("resourceId").asText();
    api.succeeded(token, r);
    JsonNode created = get("/api/v1/vms/" + vm);
    assertEquals(iso, created.get("cdromImageId").asText());
    assertEquals(40, created.get("systemDiskGiB").asInt(), "the white paper's default system disk");
    CreateSystemDiskCommand blank = node.systemDisks().stream().filter(c -> c.vmId().equals(vm)).findFirst()
        .orElseThrow();
    assertEquals(null, blank.imagePath(), "a blank disk: nothing under it");
    assertEquals(40, blank.sizeGiB());
    assertEquals(storage() + "/images/" + iso + ".iso", node.lastDefinition(vm).vm().cdromPath());
    assertRefused(409, null, "used by 1 VM", api.send("DELETE", "/api/v1/images/" + iso, token, null));

    Api.Reply eject = api.send("DELETE", "/api/v1/vms/" + vm + "/cdrom", token, null);
    assertEquals(202, eject.status(), eject.toString());
    api.succeeded(token, eject);
    assertTrue(get("/api/v1/vms/" + vm).get("cdromImageId").isNull());
    assertEquals(1, sent(EjectCdromCommand.class).size());
    JsonNode again = api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm + "/cdrom", token, null));
    assertEquals("NO_OP", again.get("type").asText(), "nothing left to eject");
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/poweroff", token, null));
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/start", token, null));
    assertEquals(null, node.lastDefinition(vm).vm().cdromPath(), "later definitions have no ISO");
    api.succeeded(token, api.send("DELETE", "/api/v1/images/" + iso, token, null));
    assertNotNull(get("/api/v1/vms/" + vm).get("imageId"));
  }
}
