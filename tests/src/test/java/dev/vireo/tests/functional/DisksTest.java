package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.protocol.DataDiskDefinition;
import dev.vireo.agent.protocol.ResizeVolumeCommand;
import dev.vireo.server.config.ServerConfig;
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
 * Issue 5 D1 and D2 through the API on fake nodes: the default storage cluster is the storage
 * root; a registered one is checked on the nodes; disks are created thin, attached and detached
 * live, grown online and offline, kept in every definition of their VM, and refused with a 4xx
 * naming the field and the rule (size, step, maximum, shrink, 26th disk, second VM, delete while attached).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisksTest extends FakeNodeApiTest {
  private static final int MAX_GIB = 500;

  @Override
  protected ServerConfig tune(ServerConfig c) {
    return c.withMaxDiskGiB(MAX_GIB);
  }

  @Override
  protected String imageName() {
    return "disk-image";
  }

  /** The fake node the VM is on (tests may have added a second one). */
  private FakeAgent agentOf(String vm) throws Exception {
    String nodeId = get("/api/v1/vms/" + vm).get("nodeId").asText();
    return nodeId.equals(node.nodeId()) ? node : server.peerFakeAgent();
  }

  private Api.Reply attach(String vm, String disk) throws Exception {
    return api.send("POST", "/api/v1/vms/" + vm + "/disks", token, "{\"disk\":\"" + disk + "\"}");
  }

  @Test
  void theStorageRootIsTheDefaultStorageClusterWithCapacityUsedAndAllocatedFigures() throws Exception {
    JsonNode list = get("/api/v1/storage-clusters");
    String defaultCluster = get("/api/v1/clusters").at("/items/0/id").asText();
    JsonNode def = null;
    for (JsonNode s : list.get("items")) {
      if (s.get("defaultForCluster").asBoolean() && s.get("clusterId").asText().equals(defaultCluster)) {
        def = s;
      }
    }
    assertTrue(def != null, list.toString());
    assertEquals("default", def.get("name").asText(), "the first cluster's storage root");
    assertEquals(dir.resolve("storage").toAbsolutePath().normalize().toString(), def.get("path").asText());
    String disk = createDisk("figures", 12);
    assertTrue(FakeAgent.volumes().containsKey(volumePath(disk)), "the volume is on the storage root's disks/");
    JsonNode after = get("/api/v1/storage-clusters/default");
    assertTrue(after.get("allocatedBytes").asLong() >= 12L << 30, after.toString());
    assertEquals(1L << 40, after.get("capacityBytes").asLong(), "measured by the node when the volume was made");
    api.succeeded(token, api.send("DELETE", "/api/v1/disks/" + disk, token, null));
    Api.Reply refuse = api.send("DELETE", "/api/v1/storage-clusters/default", token, null);
    assertRefused(409, null, "storage root", refuse);
  }

  @Test
  void aRegisteredStorageClusterIsCheckedOnTheNodesAndHoldsDisksAtItsPath() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("nfs-fast"));
    Api.Reply r = api.send("POST", "/api/v1/storage-clusters", token,
        "{\"name\":\"fast\",\"path\":\"" + mount + "\",\"description\":\"performance\"}");
    api.succeeded(token, r);
    JsonNode sc = get("/api/v1/storage-clusters/fast");
    assertEquals("AVAILABLE", sc.get("state").asText());
    assertEquals("performance", sc.get("description").asText());
    assertTrue(node.diskCommands().stream().anyMatch(c -> c.toString().contains("ProbeStorage")
        && c.toString().contains(mount.toString())), node.diskCommands().toString());
    Api.Reply d = api.send("POST", "/api/v1/disks", token,
        "{\"name\":\"on-fast\",\"sizeGiB\":10,\"storageClusterId\":\"fast\"}");
    api.succeeded(token, d);
    String diskId = d.json().get("resourceId").asText();
    assertTrue(FakeAgent.volumes().containsKey(mount.resolve("disks").resolve(diskId + ".qcow2").toString()));
    assertRefused(409, null, "holds 1 disk", api.send("DELETE", "/api/v1/storage-clusters/fast", token, null));
    assertRefused(422, "path", "absolute", api.send("POST", "/api/v1/storage-clusters", token,
        "{\"name\":\"rel\",\"path\":\"mnt/x\"}"));
    assertRefused(409, "path", "already", api.send("POST", "/api/v1/storage-clusters", token,
        "{\"name\":\"again\",\"path\":\"" + mount + "\"}"));
    node.failDiskCommands("no such directory /mnt/absent");
    try {
      Api.Reply bad = api.send("POST", "/api/v1/storage-clusters", token, "{\"name\":\"absent\",\"path\":\"/mnt/absent\"}");
      JsonNode job = api.waitForJob(token, bad.json().get("jobId").asText());
      assertEquals("FAILED", job.get("state").asText());
      assertTrue(job.get("error").asText().contains("/mnt/absent"), job.toString());
      assertEquals(404, api.send("GET", "/api/v1/storage-clusters/absent", token, null).status());
    } finally {
      node.failDiskCommands(null);
    }
    api.succeeded(token, api.send("DELETE", "/api/v1/disks/" + diskId, token, null));
    api.succeeded(token, api.send("DELETE", "/api/v1/storage-clusters/fast", token, null));
  }

  @Test
  void aNodeThatRegistersIsCheckedForItsClustersStorageMounts() throws Exception {
    api.succeeded(token, api.send("POST", "/api/v1/clusters", token,
        "{\"name\":\"sync-c\",\"arch\":\"X86_64\",\"cpuOvercommitPercent\":100}"));
    try (FakeAgent first = new FakeAgent(server.baseUrl(), server.joinToken(), "127.0.0.3").cluster("sync-c").register()) {
      Path mount = Files.createDirectories(dir.resolve("nfs-sync"));
      api.succeeded(token, api.send("POST", "/api/v1/storage-clusters", token,
          "{\"name\":\"sync-store\",\"clusterId\":\"sync-c\",\"path\":\"" + mount + "\"}"));
      FakeAgent second = new FakeAgent(server.baseUrl(), server.joinToken(), "127.0.0.4").cluster("sync-c");
      second.failDiskCommands("no such directory " + mount);
      try (second) {
        second.register();
        JsonNode failed = awaitJob("STORAGE_SYNC", "FAILED");
        assertTrue(failed.get("error").asText().contains("sync-store") && failed.get("error").asText()
            .contains(mount.toString()), failed.toString());
      }
    }
  }

  private JsonNode awaitJob(String type, String state) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (JsonNode j : get("/api/v1/jobs?state=" + state + "&limit=1000").get("items")) {
        if (type.equals(j.get("type").asText())) {
          return j;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + state + " " + type + " job");
  }

  @Test
  void sizesAreWholeGibFromTenToTheAdminMaximum() throws Exception {
    assertRefused(422, "sizeGiB", "at least 10", api.send("POST", "/api/v1/disks", token, "{\"name\":\"s\",\"sizeGiB\":9}"));
    assertRefused(422, "sizeGiB", "whole number", api.send("POST", "/api/v1/disks", token,
        "{\"name\":\"s\",\"sizeGiB\":10.5}"));
    assertRefused(422, "sizeGiB", "at most " + MAX_GIB, api.send("POST", "/api/v1/disks", token,
        "{\"name\":\"s\",\"sizeGiB\":" + (MAX_GIB + 1) + "}"));
    assertRefused(422, "sizeGiB", "required", api.send("POST", "/api/v1/disks", token, "{\"name\":\"s\"}"));
    assertRefused(422, "storageClusterId", "unknown", api.send("POST", "/api/v1/disks", token,
        "{\"name\":\"s\",\"sizeGiB\":10,\"storageClusterId\":\"nope\"}"));
    String id = createDisk("ten", 10);
    JsonNode d = get("/api/v1/disks/" + id);
    assertEquals("AVAILABLE", d.get("state").asText());
    assertEquals(10, d.get("sizeGiB").asInt());
    assertEquals(196_608, d.get("allocatedBytes").asLong(), "thin: what the volume takes, not its size");
    assertRefused(409, "name", "already exists", api.send("POST", "/api/v1/disks", token,
        "{\"name\":\"ten\",\"sizeGiB\":10}"));
    api.succeeded(token, api.send("DELETE", "/api/v1/disks/" + id, token, null));
    assertEquals("DELETED", get("/api/v1/disks/" + id).get("state").asText());
  }

  @Test
  void attachLiveDetachAndReattachElsewhereKeepingOneVmAtATime() throws Exception {
    String vm1 = createVm("att-1", true);
    String vm2 = createVm("att-2", false);
    String disk = createDisk("shared-data", 20);
    api.succeeded(token, attach(vm1, disk));
    JsonNode d = get("/api/v1/disks/" + disk);
    assertEquals("ATTACHED", d.get("state").asText());
    assertEquals(vm1, d.get("vmId").asText());
    assertEquals("vdc", d.get("target").asText(), "vda is the system disk, vdb the seed");
    assertEquals(Map.of("vdc", volumePath(disk)), agentOf(vm1).attachedDisks(vm1));

    assertRefused(409, "disk", "already attached to VM " + vm1, attach(vm2, disk));
    assertRefused(409, null, "attached to VM " + vm1, api.send("DELETE", "/api/v1/disks/" + disk, token, null));
    assertEquals(1, get("/api/v1/vms/" + vm1 + "/disks").get("total").asInt());

    // stop and start: the definition carries the disk
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm1 + "/poweroff", token, null));
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm1 + "/start", token, null));
    List<DataDiskDefinition> defined = agentOf(vm1).lastDefinition(vm1).vm().dataDisks();
    assertEquals(List.of(new DataDiskDefinition(disk, volumePath(disk), "vdc")), defined);

    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm1 + "/disks/" + disk, token, null));
    d = get("/api/v1/disks/" + disk);
    assertEquals("AVAILABLE", d.get("state").asText());
    assertTrue(d.get("vmId").isNull());
    assertEquals(Map.of(), agentOf(vm1).attachedDisks(vm1));

    api.succeeded(token, attach(vm2, disk)); // a stopped VM: into its definition
    assertEquals(vm2, get("/api/v1/disks/" + disk).get("vmId").asText());
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm2 + "/start", token, null));
    assertEquals(List.of(new DataDiskDefinition(disk, volumePath(disk), "vdc")),
        agentOf(vm2).lastDefinition(vm2).vm().dataDisks());

    // deleting the VM detaches the disk, which stays
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm2, token, null));
    d = get("/api/v1/disks/" + disk);
    assertEquals("AVAILABLE", d.get("state").asText());
    assertTrue(FakeAgent.volumes().containsKey(volumePath(disk)));
    api.succeeded(token, attach(vm1, disk));
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm1 + "?deleteDisks=true", token, null));
    assertEquals("DELETED", get("/api/v1/disks/" + disk).get("state").asText());
    assertFalse(FakeAgent.volumes().containsKey(volumePath(disk)));
  }

  private String volumePath(String diskId) {
    return dir.resolve("storage").toAbsolutePath().normalize().resolve("disks").resolve(diskId + ".qcow2").toString();
  }

  @Test
  void expandsOnlineOnTheVmsNodeAndOfflineButNeverShrinks() throws Exception {
    String vm = createVm("grow", true);
    String disk = createDisk("growing", 10);
    api.succeeded(token, api.send("POST", "/api/v1/disks/" + disk + "/resize", token, "{\"sizeGiB\":15}"));
    assertEquals(15, get("/api/v1/disks/" + disk).get("sizeGiB").asInt());
    assertEquals(15L << 30, FakeAgent.volumes().get(volumePath(disk)));

    api.succeeded(token, attach(vm, disk));
    api.succeeded(token, api.send("POST", "/api/v1/disks/" + disk + "/resize", token, "{\"sizeGiB\":20}"));
    JsonNode d = get("/api/v1/disks/" + disk);
    assertEquals(20, d.get("sizeGiB").asInt());
    assertEquals("ATTACHED", d.get("state").asText());
    ResizeVolumeCommand online = (ResizeVolumeCommand) agentOf(vm).diskCommands().stream()
        .filter(c -> c instanceof ResizeVolumeCommand r && r.sizeBytes() == 20L << 30).findFirst().orElseThrow();
    assertEquals(vm, online.domainName(), "the VM's node grows it through the running domain");

    assertRefused(422, "sizeGiB", "never shrink", api.send("POST", "/api/v1/disks/" + disk + "/resize", token,
        "{\"sizeGiB\":19}"));
    assertRefused(422, "sizeGiB", "already has 20", api.send("POST", "/api/v1/disks/" + disk + "/resize", token,
        "{\"sizeGiB\":20}"));
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm + "?deleteDisks=true", token, null));
  }

  @Test
  void dataDisksFollowALiveMigrationAndBlockAnOfflineOne() throws Exception {
    FakeAgent peer = server.peerFakeAgent();
    String vm = createVm("mover", true);
    String disk = createDisk("moving", 10);
    api.succeeded(token, attach(vm, disk));
    String from = get("/api/v1/vms/" + vm).get("nodeId").asText();
    FakeAgent source = from.equals(peer.nodeId()) ? peer : node;
    FakeAgent destination = source == peer ? node : peer;
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/migrate", token,
        "{\"nodeId\":\"" + destination.nodeId() + "\"}"));
    assertEquals(Map.of("vdc", volumePath(disk)), destination.attachedDisks(vm));
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/poweroff", token, null));
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/start", token, null));
    assertEquals(List.of(new DataDiskDefinition(disk, volumePath(disk), "vdc")),
        destination.lastDefinition(vm).vm().dataDisks(), "the new node defines the VM with its disk");
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/poweroff", token, null));
    api.succeeded(token, api.send("POST", "/api/v1/clusters", token,
        "{\"name\":\"other\",\"arch\":\"X86_64\",\"cpuOvercommitPercent\":100}"));
    assertRefused(409, null, "data disks", api.send("POST", "/api/v1/vms/" + vm + "/migrate", token,
        "{\"clusterId\":\"other\"}"));
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm + "?deleteDisks=true", token, null));
  }

  @Test
  void aFailedCreateLeavesAnErrorDiskThatCanBeDeleted() throws Exception {
    node.failDiskCommands("qemu-img: No space left on device");
    Api.Reply r;
    try {
      r = api.send("POST", "/api/v1/disks", token, "{\"name\":\"full\",\"sizeGiB\":10}");
      JsonNode job = api.waitForJob(token, r.json().get("jobId").asText());
      assertEquals("FAILED", job.get("state").asText());
    } finally {
      node.failDiskCommands(null);
    }
    String id = r.json().get("resourceId").asText();
    JsonNode d = get("/api/v1/disks/" + id);
    assertEquals("ERROR", d.get("state").asText());
    assertTrue(d.get("stateReason").asText().contains("No space left"), d.toString());
    String vm = createVm("err-target", false);
    assertRefused(422, "disk", "not AVAILABLE", attach(vm, id));
    api.succeeded(token, api.send("DELETE", "/api/v1/disks/" + id, token, null));
    assertEquals("DELETED", get("/api/v1/disks/" + id).get("state").asText());
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm, token, null));
  }

  @Test
  void detachAndAttachAreRefusedWhenTheyDoNotFit() throws Exception {
    String vm = createVm("refuse", false);
    String disk = createDisk("loose", 10);
    assertRefused(409, null, "not attached to VM " + vm, api.send("DELETE", "/api/v1/vms/" + vm + "/disks/" + disk,
        token, null));
    assertRefused(422, "disk", "unknown disk", attach(vm, "no-such-disk"));
    assertRefused(422, "disk", "is required", api.send("POST", "/api/v1/vms/" + vm + "/disks", token, "{}"));
    assertEquals(404, attach("vm-000000000000", disk).status());
    // idempotent create: the same key answers the same job and disk
    String body = "{\"name\":\"once\",\"sizeGiB\":10}";
    Api.Reply first = api.send("POST", "/api/v1/disks", token, "application/json", body,
        Map.of("Idempotency-Key", "disk-once-1"));
    Api.Reply again = api.send("POST", "/api/v1/disks", token, "application/json", body,
        Map.of("Idempotency-Key", "disk-once-1"));
    assertEquals(first.json().get("resourceId"), again.json().get("resourceId"));
    api.succeeded(token, first);
    api.succeeded(token, api.send("DELETE", "/api/v1/disks/once", token, null));
    api.succeeded(token, api.send("DELETE", "/api/v1/disks/" + disk, token, null));
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm, token, null));
  }

  @Test
  void aCloneIsANewDiskOfTheSameSizeAndStorageButNotOfAnAttachedDisk() throws Exception {
    String source = createDisk("original", 15);
    Api.Reply r = api.send("POST", "/api/v1/disks/" + source + "/clone", token, "{\"name\":\"copy\"}");
    api.succeeded(token, r);
    String copy = r.json().get("resourceId").asText();
    JsonNode c = get("/api/v1/disks/" + copy);
    assertEquals("AVAILABLE", c.get("state").asText());
    assertEquals(15, c.get("sizeGiB").asInt());
    assertEquals(get("/api/v1/disks/" + source).get("storageClusterId"), c.get("storageClusterId"));
    assertEquals("AVAILABLE", get("/api/v1/disks/" + source).get("state").asText());
    assertEquals(15L << 30, FakeAgent.volumes().get(volumePath(copy)));
    assertRefused(409, "name", "already exists", api.send("POST", "/api/v1/disks/" + source + "/clone", token,
        "{\"name\":\"copy\"}"));
    String vm = createVm("cloner", false);
    api.succeeded(token, attach(vm, source));
    assertRefused(409, null, "detach it to clone it", api.send("POST", "/api/v1/disks/" + source + "/clone", token,
        "{\"name\":\"copy-2\"}"));
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm + "?deleteDisks=true", token, null));
    api.succeeded(token, api.send("DELETE", "/api/v1/disks/" + copy, token, null));
  }

  @Test
  void anX86VmTakesAtMost25DataDisks() throws Exception {
    String vm = createVm("many", false);
    String last = null;
    for (int i = 1; i <= 25; i++) {
      String disk = createDisk("many-" + i, 10);
      api.succeeded(token, attach(vm, disk));
      last = disk;
    }
    assertEquals("vdaa", get("/api/v1/disks/" + last).get("target").asText(), "vdc..vdz, then vdaa");
    String extra = createDisk("many-26", 10);
    assertRefused(422, "disk", "at most 25", attach(vm, extra));
    assertEquals("AVAILABLE", get("/api/v1/disks/" + extra).get("state").asText());
    assertEquals(25, agentOf(vm).attachedDisks(vm).size());
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm + "?deleteDisks=true", token, null));
    api.succeeded(token, api.send("DELETE", "/api/v1/disks/" + extra, token, null));
  }

  @Test
  void aFailedAttachLeavesTheDiskAvailable() throws Exception {
    String vm = createVm("fail-att", true);
    String disk = createDisk("fails", 10);
    FakeAgent host = agentOf(vm);
    host.failDiskCommands("libvirt: no free PCI slot");
    try {
      Api.Reply r = attach(vm, disk);
      JsonNode job = api.waitForJob(token, r.json().get("jobId").asText());
      assertEquals("FAILED", job.get("state").asText());
    } finally {
      host.failDiskCommands(null);
    }
    JsonNode d = get("/api/v1/disks/" + disk);
    assertEquals("AVAILABLE", d.get("state").asText());
    assertTrue(d.get("stateReason").asText().contains("no free PCI slot"), d.toString());
    assertNull(host.attachedDisks(vm).get("vdc"));
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm + "?deleteDisks=true", token, null));
    api.succeeded(token, api.send("DELETE", "/api/v1/disks/" + disk, token, null));
  }
}
