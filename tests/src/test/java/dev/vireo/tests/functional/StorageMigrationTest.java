package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.protocol.DataDiskDefinition;
import dev.vireo.agent.protocol.MigrateVolumeCommand;
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
 * Issue 5 D5 through the API on fake nodes (ADR 0026): a data disk moves to another storage
 * cluster of its compute cluster, live on the node of its running VM or offline when detached; the
 * inventory and the VM's later definitions name the new file; a failed copy keeps the disk where it
 * was; bad targets get a 422 naming {@code storageClusterId} and the rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageMigrationTest extends FakeNodeApiTest {
  private String fastId;
  private Path fast;

  @Override
  protected String imageName() {
    return "smig-image";
  }

  @BeforeAll
  void start() throws Exception {
    fast = Files.createDirectories(dir.resolve("nfs-fast"));
    api.succeeded(token, api.send("POST", "/api/v1/storage-clusters", token,
        "{\"name\":\"fast\",\"path\":\"" + fast + "\"}"));
    fastId = get("/api/v1/storage-clusters/fast").get("id").asText();
  }

  private String createDisk(String name) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/disks", token, "{\"name\":\"" + name + "\",\"sizeGiB\":10}");
    api.succeeded(token, r);
    return r.json().get("resourceId").asText();
  }

  private Api.Reply migrate(String disk, String storageCluster) throws Exception {
    return api.send("POST", "/api/v1/disks/" + disk + "/migrate", token,
        storageCluster == null ? "{}" : "{\"storageClusterId\":\"" + storageCluster + "\"}");
  }

  private String rootVolume(String disk) {
    return dir.resolve("storage").toAbsolutePath().normalize().resolve("disks").resolve(disk + ".qcow2").toString();
  }

  private String fastVolume(String disk) {
    return fast.resolve("disks").resolve(disk + ".qcow2").toString();
  }

  @Test
  void aDiskOfARunningVmMovesLiveOnTheVmsNodeAndLaterDefinitionsNameTheNewFile() throws Exception {
    String vm = createVm("smig-live", true);
    String disk = createDisk("smig-live-disk");
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/disks", token, "{\"disk\":\"" + disk + "\"}"));
    Api.Reply r = migrate(disk, "fast");
    assertEquals(202, r.status(), r.toString());
    assertEquals("vm", r.json().get("resourceType").asText(), "in line with the VM's own jobs");
    api.succeeded(token, r);
    JsonNode d = get("/api/v1/disks/" + disk);
    assertEquals(fastId, d.get("storageClusterId").asText());
    assertEquals("ATTACHED", d.get("state").asText());
    assertTrue(FakeAgent.volumes().containsKey(fastVolume(disk)));
    assertFalse(FakeAgent.volumes().containsKey(rootVolume(disk)), "the source is gone");
    MigrateVolumeCommand sent = (MigrateVolumeCommand) node.diskCommands().stream()
        .filter(c -> c instanceof MigrateVolumeCommand m && m.diskId().equals(disk)).findFirst().orElseThrow();
    assertEquals(vm, sent.domainName());
    assertEquals("vdc", sent.target());
    assertEquals(Map.of("vdc", fastVolume(disk)), node.attachedDisks(vm));
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/poweroff", token, null));
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/start", token, null));
    assertEquals(List.of(new DataDiskDefinition(disk, fastVolume(disk), "vdc")),
        node.lastDefinition(vm).vm().dataDisks());
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm + "?deleteDisks=true", token, null));
  }

  @Test
  void aDetachedDiskMovesOfflineAndBack() throws Exception {
    String disk = createDisk("smig-loose");
    api.succeeded(token, migrate(disk, fastId));
    assertEquals(fastId, get("/api/v1/disks/" + disk).get("storageClusterId").asText());
    assertEquals("AVAILABLE", get("/api/v1/disks/" + disk).get("state").asText());
    MigrateVolumeCommand sent = (MigrateVolumeCommand) node.diskCommands().stream()
        .filter(c -> c instanceof MigrateVolumeCommand m && m.diskId().equals(disk)).findFirst().orElseThrow();
    assertNull(sent.domainName());
    api.succeeded(token, migrate(disk, "default"));
    assertTrue(FakeAgent.volumes().containsKey(rootVolume(disk)));
    assertFalse(FakeAgent.volumes().containsKey(fastVolume(disk)));
    api.succeeded(token, api.send("DELETE", "/api/v1/disks/" + disk, token, null));
  }

  @Test
  void aFailedCopyLeavesTheDiskWhereItWasWithTheReason() throws Exception {
    String vm = createVm("smig-fail", true);
    String disk = createDisk("smig-fail-disk");
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/disks", token, "{\"disk\":\"" + disk + "\"}"));
    node.failDiskCommands("block copy: No space left on device");
    JsonNode job;
    try {
      Api.Reply r = migrate(disk, "fast");
      assertEquals(202, r.status(), r.toString());
      job = api.waitForJob(token, r.json().get("jobId").asText());
    } finally {
      node.failDiskCommands(null);
    }
    assertEquals("FAILED", job.get("state").asText());
    assertTrue(job.get("error").asText().contains("No space left"), job.toString());
    JsonNode d = get("/api/v1/disks/" + disk);
    assertEquals("ATTACHED", d.get("state").asText());
    assertNotFast(d);
    assertTrue(d.get("stateReason").asText().contains("migration failed"), d.toString());
    assertTrue(FakeAgent.volumes().containsKey(rootVolume(disk)), "the source is kept");
    assertFalse(FakeAgent.volumes().containsKey(fastVolume(disk)));
    assertEquals(Map.of("vdc", rootVolume(disk)), node.attachedDisks(vm));
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm + "?deleteDisks=true", token, null));
  }

  private void assertNotFast(JsonNode d) {
    assertFalse(fastId.equals(d.get("storageClusterId").asText()), d.toString());
  }

  @Test
  void badTargetsAreRefusedNamingStorageClusterIdAndTheRule() throws Exception {
    String disk = createDisk("smig-bad");
    assertRefused(422, "storageClusterId", "is required", migrate(disk, null));
    assertRefused(422, "storageClusterId", "unknown storage cluster", migrate(disk, "nowhere"));
    assertRefused(422, "storageClusterId", "already on storage cluster", migrate(disk, "default"));
    api.succeeded(token, api.send("POST", "/api/v1/clusters", token,
        "{\"name\":\"smig-other\",\"arch\":\"X86_64\",\"cpuOvercommitPercent\":100}"));
    String otherCluster = null;
    for (JsonNode c : get("/api/v1/clusters").get("items")) {
      if (c.get("name").asText().equals("smig-other")) {
        otherCluster = c.get("id").asText();
      }
    }
    String otherStorage = null;
    for (JsonNode s : get("/api/v1/storage-clusters").get("items")) {
      if (s.get("clusterId").asText().equals(otherCluster)) {
        otherStorage = s.get("id").asText();
      }
    }
    assertTrue(otherStorage != null, "the other cluster has its default storage cluster");
    assertRefused(422, "storageClusterId", "can only move within compute cluster", migrate(disk, otherStorage));
    assertRefused(404, null, "disk", migrate("disk-000000000000", "fast"));
    node.failDiskCommands("qemu-img: No space left on device");
    Api.Reply failed;
    try {
      failed = api.send("POST", "/api/v1/disks", token, "{\"name\":\"smig-error\",\"sizeGiB\":10}");
      api.waitForJob(token, failed.json().get("jobId").asText());
    } finally {
      node.failDiskCommands(null);
    }
    String broken = failed.json().get("resourceId").asText();
    assertRefused(409, null, "can be migrated when AVAILABLE or ATTACHED", migrate(broken, "fast"));
    api.succeeded(token, api.send("DELETE", "/api/v1/disks/" + broken, token, null));
    assertEquals("AVAILABLE", get("/api/v1/disks/" + disk).get("state").asText(), "nothing changed");
    api.succeeded(token, api.send("DELETE", "/api/v1/disks/" + disk, token, null));
  }

  // --- system disk growth (C4, ADR 0026) ---

  @Test
  void theSystemDiskGrowsOnlineOnARunningVmAndOfflineOnAStoppedOneButNeverShrinks() throws Exception {
    String vm = createVm("smig-grow", true);
    assertEquals(1, get("/api/v1/vms/" + vm).get("systemDiskGiB").asInt(), "created larger than the image: 1 GiB");
    Api.Reply r = api.send("POST", "/api/v1/vms/" + vm + "/system-disk/resize", token, "{\"sizeGiB\":5}");
    assertEquals(202, r.status(), r.toString());
    assertEquals("vm", r.json().get("resourceType").asText());
    api.succeeded(token, r);
    assertEquals(5, get("/api/v1/vms/" + vm).get("systemDiskGiB").asInt());
    var sent = node.systemDiskResizes().get(node.systemDiskResizes().size() - 1);
    assertEquals(vm, sent.domainName());
    assertEquals(5L << 30, sent.sizeBytes());
    assertTrue(sent.systemDiskPath().endsWith(vm + "/system.qcow2"), sent.toString());

    assertRefused(422, "sizeGiB", "never shrink", api.send("POST", "/api/v1/vms/" + vm + "/system-disk/resize", token,
        "{\"sizeGiB\":4}"));
    assertRefused(422, "sizeGiB", "already has 5", api.send("POST", "/api/v1/vms/" + vm + "/system-disk/resize",
        token, "{\"sizeGiB\":5}"));
    assertRefused(422, "sizeGiB", "is required", api.send("POST", "/api/v1/vms/" + vm + "/system-disk/resize", token,
        "{}"));
    assertRefused(422, "sizeGiB", "whole number", api.send("POST", "/api/v1/vms/" + vm + "/system-disk/resize",
        token, "{\"sizeGiB\":6.5}"));
    assertRefused(422, "sizeGiB", "at most 2048", api.send("POST", "/api/v1/vms/" + vm + "/system-disk/resize",
        token, "{\"sizeGiB\":4096}"));

    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/poweroff", token, null));
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/system-disk/resize", token, "{\"sizeGiB\":6}"));
    assertEquals(6, get("/api/v1/vms/" + vm).get("systemDiskGiB").asInt());

    node.failDiskCommands("qemu-img: Could not resize file: No space left on device");
    JsonNode job;
    try {
      Api.Reply failing = api.send("POST", "/api/v1/vms/" + vm + "/system-disk/resize", token, "{\"sizeGiB\":7}");
      job = api.waitForJob(token, failing.json().get("jobId").asText());
    } finally {
      node.failDiskCommands(null);
    }
    assertEquals("FAILED", job.get("state").asText());
    assertTrue(job.get("error").asText().contains("No space left"), job.toString());
    assertEquals(6, get("/api/v1/vms/" + vm).get("systemDiskGiB").asInt(), "unchanged when the growth failed");
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm, token, null));
  }
}
