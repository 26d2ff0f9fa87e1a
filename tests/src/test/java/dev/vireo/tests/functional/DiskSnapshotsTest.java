package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.protocol.VolumeSnapshotCommand;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.FakeNodeApiTest;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 D4 through the API on fake nodes (ADR 0025): snapshots of detached and attached disks,
 * the per-disk limit (the 6th refused naming it), deleting any snapshot keeps the others, rollback
 * only of a detached disk or a stopped VM's (409 naming the rule otherwise), a new disk from a
 * snapshot in the same storage cluster with the snapshot's size.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiskSnapshotsTest extends FakeNodeApiTest {
  @Override
  protected String imageName() {
    return "snap-image";
  }

  private Api.Reply snapshot(String disk, String name) throws Exception {
    return api.send("POST", "/api/v1/disks/" + disk + "/snapshots", token, "{\"name\":\"" + name + "\"}");
  }

  /** The snapshot's id, once taken. */
  private String snap(String disk, String name) throws Exception {
    api.succeeded(token, snapshot(disk, name));
    return get("/api/v1/disks/" + disk + "/snapshots/" + name).get("id").asText();
  }

  private String volumePath(String diskId) {
    return dir.resolve("storage").toAbsolutePath().normalize().resolve("disks").resolve(diskId + ".qcow2").toString();
  }

  @Test
  void aDiskKeepsFiveSnapshotsTheSixthIsRefusedAndDeletingAMiddleOneKeepsTheOthers() throws Exception {
    String disk = createDisk("five", 10);
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      ids.add(snap(disk, "s" + i));
    }
    JsonNode list = get("/api/v1/disks/" + disk + "/snapshots");
    assertEquals(5, list.get("total").asInt(), list.toString());
    assertEquals("AVAILABLE", list.at("/items/0/state").asText());
    assertEquals(10, list.at("/items/0/sizeGiB").asInt());
    assertEquals("AVAILABLE", get("/api/v1/disks/" + disk).get("state").asText(), "held only while the job runs");
    assertEquals(Set.copyOf(ids), FakeAgent.snapshotsOf(volumePath(disk)).keySet());

    assertRefused(422, "name", "at most 5", snapshot(disk, "s6"));
    api.succeeded(token, api.send("DELETE", "/api/v1/disks/" + disk + "/snapshots/" + ids.get(0), token, null));
    assertRefused(409, "name", "already has a snapshot named 's2'", snapshot(disk, "s2"));

    api.succeeded(token, api.send("DELETE", "/api/v1/disks/" + disk + "/snapshots/s3", token, null));
    assertEquals(Set.of(ids.get(1), ids.get(3), ids.get(4)), FakeAgent.snapshotsOf(volumePath(disk)).keySet());
    assertEquals(404, api.send("GET", "/api/v1/disks/" + disk + "/snapshots/s3", token, null).status());
    snap(disk, "s6");
    assertEquals(4, get("/api/v1/disks/" + disk + "/snapshots").get("total").asInt());
    api.succeeded(token, api.send("POST", "/api/v1/disks/" + disk + "/snapshots/s2/rollback", token, null));

    api.succeeded(token, api.send("DELETE", "/api/v1/disks/" + disk, token, null));
    assertEquals(404, api.send("GET", "/api/v1/disks/" + disk + "/snapshots", token, null).status());
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndTheRule() throws Exception {
    String disk = createDisk("bad", 10);
    assertRefused(422, "name", "required", api.send("POST", "/api/v1/disks/" + disk + "/snapshots", token, "{}"));
    assertEquals(404, api.send("POST", "/api/v1/disks/nope/snapshots", token, "{\"name\":\"x\"}").status());
    assertEquals(404, api.send("POST", "/api/v1/disks/" + disk + "/snapshots/nope/rollback", token, null).status());
    assertEquals(404, api.send("DELETE", "/api/v1/disks/" + disk + "/snapshots/nope", token, null).status());
    snap(disk, "one");
    assertRefused(422, "name", "required", api.send("POST", "/api/v1/disks/" + disk + "/snapshots/one/disks", token,
        "{}"));
  }

  @Test
  void rollbackIsRefusedWhileTheVmRunsAndAllowedWhenItIsStoppedOrTheDiskDetached() throws Exception {
    String vm = created(api.send("POST", "/api/v1/vms", token, "{\"name\":\"snapvm\",\"image\":\"" + imageId
        + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":1,\"start\":true}"));
    String disk = createDisk("attached", 10);
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/disks", token, "{\"disk\":\"" + disk + "\"}"));
    String id = snap(disk, "live");
    FakeAgent agent = server.fakeAgent();
    assertTrue(agent.snapshotCommands().stream().anyMatch(c -> c instanceof VolumeSnapshotCommand s
        && s.snapshot().equals(id) && s.action() == VolumeSnapshotCommand.Action.CREATE && vm.equals(s.domainName())),
        "taken on the VM's node, for its domain (live): " + agent.snapshotCommands());
    assertEquals("ATTACHED", get("/api/v1/disks/" + disk).get("state").asText());

    assertRefused(409, null, "rolled back only when detached or its VM is STOPPED",
        api.send("POST", "/api/v1/disks/" + disk + "/snapshots/live/rollback", token, null));

    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/poweroff", token, null));
    api.succeeded(token, api.send("POST", "/api/v1/disks/" + disk + "/snapshots/live/rollback", token, null));
    assertEquals("ATTACHED", get("/api/v1/disks/" + disk).get("state").asText());

    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm + "/disks/" + disk, token, null));
    api.succeeded(token, api.send("POST", "/api/v1/disks/" + disk + "/snapshots/" + id + "/rollback", token, null));
    JsonNode d = get("/api/v1/disks/" + disk);
    assertEquals("AVAILABLE", d.get("state").asText());
    assertEquals("AVAILABLE", get("/api/v1/disks/" + disk + "/snapshots/live").get("state").asText());
  }

  @Test
  void aNewDiskFromASnapshotHasItsSizeAndStorageClusterAndARollbackUndoesAnExpansion() throws Exception {
    String disk = createDisk("origin", 10);
    snap(disk, "small");
    api.succeeded(token, api.send("POST", "/api/v1/disks/" + disk + "/resize", token, "{\"sizeGiB\":20}"));
    String copy = created(api.send("POST", "/api/v1/disks/" + disk + "/snapshots/small/disks", token,
        "{\"name\":\"from-small\",\"description\":\"copy\"}"));
    JsonNode c = get("/api/v1/disks/" + copy);
    JsonNode o = get("/api/v1/disks/" + disk);
    assertEquals("AVAILABLE", c.get("state").asText());
    assertEquals(10, c.get("sizeGiB").asInt(), "the snapshot's size");
    assertEquals(o.get("storageClusterId").asText(), c.get("storageClusterId").asText());
    assertEquals(10L << 30, FakeAgent.volumes().get(volumePath(copy)));
    assertEquals("AVAILABLE", get("/api/v1/disks/" + disk + "/snapshots/small").get("state").asText());
    assertRefused(409, "name", "already exists", api.send("POST", "/api/v1/disks/" + disk + "/snapshots/small/disks",
        token, "{\"name\":\"from-small\"}"));

    assertEquals(20, o.get("sizeGiB").asInt());
    api.succeeded(token, api.send("POST", "/api/v1/disks/" + disk + "/snapshots/small/rollback", token, null));
    assertEquals(10, get("/api/v1/disks/" + disk).get("sizeGiB").asInt(), "the data and size of the snapshot");
  }
  @Test
  void aVmsSystemDiskIsSnapshottedRolledBackOnlyWhenStoppedAndCopiedIntoADataDisk() throws Exception {
    String vm = created(api.send("POST", "/api/v1/vms", token, "{\"name\":\"sysvm\",\"image\":\"" + imageId
        + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":1,\"start\":true}"));
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/snapshots", token, "{\"name\":\"sys1\"}"));
    JsonNode s = get("/api/v1/vms/" + vm + "/snapshots/sys1");
    assertEquals(vm, s.get("vmId").asText());
    assertTrue(s.get("diskId").isNull());
    assertEquals(1, s.get("sizeGiB").asInt());
    String overlay = dir.resolve("storage").toAbsolutePath().normalize().resolve("vms").resolve(vm)
        .resolve("system.qcow2").toString();
    assertTrue(server.fakeAgent().snapshotCommands().stream().anyMatch(c -> c instanceof VolumeSnapshotCommand v
        && v.path().equals(overlay) && vm.equals(v.domainName())), "the overlay, never the base image");
    for (int i = 2; i <= 5; i++) {
      api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/snapshots", token, "{\"name\":\"sys" + i + "\"}"));
    }
    assertRefused(422, "name", "at most 5", api.send("POST", "/api/v1/vms/" + vm + "/snapshots", token,
        "{\"name\":\"sys6\"}"));
    assertRefused(409, null, "rolled back only when its VM is STOPPED",
        api.send("POST", "/api/v1/vms/" + vm + "/snapshots/sys1/rollback", token, null));
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm + "/snapshots/sys3", token, null));
    assertEquals(4, get("/api/v1/vms/" + vm + "/snapshots").get("total").asInt());
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/poweroff", token, null));
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/snapshots/sys1/rollback", token, null));
    String copy = created(api.send("POST", "/api/v1/vms/" + vm + "/snapshots/sys2/disks", token,
        "{\"name\":\"from-sys2\"}"));
    JsonNode c = get("/api/v1/disks/" + copy);
    assertEquals("AVAILABLE", c.get("state").asText());
    assertEquals(1, c.get("sizeGiB").asInt(), "the system disk's size");
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm, token, null));
    Api.Reply after = api.send("GET", "/api/v1/vms/" + vm + "/snapshots", token, null);
    assertTrue(after.status() == 404 || after.json().get("total").asInt() == 0, "gone with the VM: " + after);
  }
}
