package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.protocol.MigrateSystemDiskCommand;
import dev.vireo.server.config.ServerConfig;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.FakeNodeApiTest;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 D5 for the system disk through the API on fake nodes (ADR 0028): a running VM's system
 * disk moves to another storage cluster on the VM's node with its progress on the job; the VM
 * records the storage cluster and its later definitions name the new file; the storage cluster
 * cannot be deleted while it holds the system disk; a failed copy changes nothing; bad targets,
 * snapshots and busy VMs are refused naming the rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemDiskMigrationTest extends FakeNodeApiTest {
  private String fastId;
  private Path fast;

  @Override
  protected ServerConfig tune(ServerConfig c) {
    System.setProperty("vireo.copyProgressMillis", "100");
    return c;
  }

  @Override
  protected String imageName() {
    return "sysmig-image";
  }

  @BeforeAll
  void start() throws Exception {
    fast = Files.createDirectories(dir.resolve("nfs-fast"));
    api.succeeded(token, api.send("POST", "/api/v1/storage-clusters", token,
        "{\"name\":\"sys-fast\",\"path\":\"" + fast + "\"}"));
    fastId = get("/api/v1/storage-clusters/sys-fast").get("id").asText();
  }

  private Api.Reply migrate(String vm, String storageCluster) throws Exception {
    return api.send("POST", "/api/v1/vms/" + vm + "/system-disk/migrate", token,
        storageCluster == null ? "{}" : "{\"storageClusterId\":\"" + storageCluster + "\"}");
  }

  private String rootDisk(String vm) {
    return dir.resolve("storage").toAbsolutePath().normalize().resolve("vms").resolve(vm).resolve("system.qcow2")
        .toString();
  }

  private String fastDisk(String vm) {
    return fast.resolve("vms").resolve(vm).resolve("system.qcow2").toString();
  }

  @Test
  void aRunningVmsSystemDiskMovesLiveWithProgressAndLaterDefinitionsNameTheNewFile() throws Exception {
    String vm = createVm("sysmig-live", true);
    node.slowCopies(Duration.ofSeconds(3));
    Api.Reply r;
    Set<Integer> seen = new TreeSet<>();
    try {
      r = migrate(vm, "sys-fast");
      assertEquals(202, r.status(), r.toString());
      assertEquals("vm", r.json().get("resourceType").asText(), "in line with the VM's own jobs");
      String job = r.json().get("jobId").asText();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        JsonNode j = get("/api/v1/jobs/" + job);
        if (!j.get("progress").isNull()) {
          seen.add(j.get("progress").asInt());
        }
        if (j.get("state").asText().equals("SUCCEEDED") || j.get("state").asText().equals("FAILED")) {
          break;
        }
        Thread.sleep(50);
      }
    } finally {
      node.slowCopies(Duration.ZERO);
    }
    JsonNode job = api.succeeded(token, r);
    assertEquals(100, job.get("progress").asInt(), job.toString());
    assertTrue(seen.stream().anyMatch(p -> p > 0 && p < 100), "progress moved while copying: " + seen);
    MigrateSystemDiskCommand sent = (MigrateSystemDiskCommand) node.diskCommands().stream()
        .filter(c -> c instanceof MigrateSystemDiskCommand m && m.vmId().equals(vm)).findFirst().orElseThrow();
    assertEquals(vm, sent.domainName(), "live, on the VM's node");
    assertEquals(rootDisk(vm), sent.sourcePath());
    assertEquals(fastDisk(vm), sent.path());
    assertEquals(fastId, get("/api/v1/vms/" + vm).get("systemStorageClusterId").asText());
    assertEquals("RUNNING", get("/api/v1/vms/" + vm).get("state").asText());

    JsonNode sc = get("/api/v1/storage-clusters/" + fastId);
    assertEquals(1L << 30, sc.get("allocatedBytes").asLong(), "the system disk counts on its new storage: " + sc);
    assertRefused(409, null, "still holds 1 disk", api.send("DELETE", "/api/v1/storage-clusters/" + fastId, token,
        null));
    assertRefused(422, "storageClusterId", "already on storage cluster", migrate(vm, fastId));

    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/poweroff", token, null));
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/start", token, null));
    assertEquals(fastDisk(vm), node.lastDefinition(vm).vm().systemDiskPath(), "the next define names the copy");

    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm, token, null));
    assertTrue(node.deletedVmDirectories().contains(fast.resolve("vms").resolve(vm).toString()),
        "its directory on sys-fast is deleted: " + node.deletedVmDirectories());
  }

  @Test
  void aStoppedVmsSystemDiskMovesOfflineAndBack() throws Exception {
    String vm = createVm("sysmig-off", false);
    api.succeeded(token, migrate(vm, "sys-fast"));
    assertEquals(fastId, get("/api/v1/vms/" + vm).get("systemStorageClusterId").asText());
    api.succeeded(token, migrate(vm, "default"));
    assertTrue(get("/api/v1/vms/" + vm).get("systemStorageClusterId").isNull(), "back on the default");
    MigrateSystemDiskCommand back = (MigrateSystemDiskCommand) node.diskCommands().stream()
        .filter(c -> c instanceof MigrateSystemDiskCommand m && m.vmId().equals(vm) && m.path().equals(rootDisk(vm)))
        .findFirst().orElseThrow();
    assertEquals(fastDisk(vm), back.sourcePath());
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm, token, null));
  }

  @Test
  void aFailedCopyLeavesTheSystemDiskWhereItWas() throws Exception {
    String vm = createVm("sysmig-fail", true);
    node.failDiskCommands("block copy: No space left on device");
    JsonNode job;
    try {
      Api.Reply r = migrate(vm, "sys-fast");
      assertEquals(202, r.status(), r.toString());
      job = api.waitForJob(token, r.json().get("jobId").asText());
    } finally {
      node.failDiskCommands(null);
    }
    assertEquals("FAILED", job.get("state").asText());
    assertTrue(job.get("error").asText().contains("No space left"), job.toString());
    JsonNode v = get("/api/v1/vms/" + vm);
    assertTrue(v.get("systemStorageClusterId").isNull(), v.toString());
    assertEquals("RUNNING", v.get("state").asText());
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm, token, null));
  }

  @Test
  void badTargetsSnapshotsAndBusyVmsAreRefusedNamingTheRule() throws Exception {
    String vm = createVm("sysmig-bad", false);
    assertRefused(422, "storageClusterId", "is required", migrate(vm, null));
    assertRefused(422, "storageClusterId", "unknown storage cluster", migrate(vm, "nowhere"));
    assertRefused(422, "storageClusterId", "already on storage cluster", migrate(vm, "default"));
    assertRefused(404, null, "VM", migrate("vm-000000000000", "sys-fast"));
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/snapshots", token, "{\"name\":\"keep\"}"));
    assertRefused(409, null, "delete them first", migrate(vm, "sys-fast"));
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm + "/snapshots/keep", token, null));
    api.succeeded(token, migrate(vm, "sys-fast"));
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vm, token, null));
  }
}
