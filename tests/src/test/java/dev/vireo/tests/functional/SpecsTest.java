package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeNodeApiTest;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Custom specs (white paper 4.2.2, 6.5; ADR 0048) through the API on a fake node: created and
 * default VM specs are modified by the create rules while VMs made from them keep their size; the
 * default spec stays undeletable; each storage cluster's generated disk spec is modified only, and
 * disks are created and expanded within it; both survive a restart of the server.
 */
class SpecsTest extends FakeNodeApiTest {
  private JsonNode spec(String id) throws Exception {
    for (JsonNode s : get("/api/v1/specs").get("items")) {
      if (s.get("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("spec " + id + " is not listed");
  }

  private Api.Reply patch(String path, String body) throws Exception {
    return api.send("PATCH", path, token, body);
  }

  @Test
  void aModifiedSpecFollowsTheCreateRulesAndItsVmsKeepTheirSize() throws Exception {
    String id = created(api.send("POST", "/api/v1/specs", token, "{\"cpu\":2,\"memoryGiB\":6}"));
    String vm = created(api.send("POST", "/api/v1/vms", token, "{\"name\":\"made-from-2c6g\",\"image\":\"" + imageId
        + "\",\"spec\":\"2C6G\",\"systemDiskGiB\":1,\"start\":false}"));

    api.succeeded(token, patch("/api/v1/specs/" + id, "{\"cpu\":6,\"memoryGiB\":10}"));
    JsonNode s = spec(id);
    assertEquals(6, s.get("cpu").asInt());
    assertEquals(10, s.get("memoryGiB").asInt());
    assertEquals("6C10G", s.get("name").asText(), "a spec named after its values follows them");
    JsonNode v = get("/api/v1/vms/" + vm);
    assertEquals(2, v.get("cpu").asInt(), "the VM keeps the CPU it was made with: " + v);
    assertEquals(6, v.get("memoryGiB").asInt(), "the VM keeps the memory it was made with: " + v);
    assertEquals(id, v.get("specId").asText());

    assertRefused(422, "cpu", "1 or an even number up to 240", patch("/api/v1/specs/" + id, "{\"cpu\":3}"));
    assertRefused(422, "cpu", "up to 240", patch("/api/v1/specs/" + id, "{\"cpu\":241}"));
    assertRefused(422, "memoryGiB", "up to 1024", patch("/api/v1/specs/" + id, "{\"memoryGiB\":1026}"));
    assertRefused(422, "memoryGiB", "even", patch("/api/v1/specs/" + id, "{\"memoryGiB\":7}"));
    assertRefused(422, "name", "reads as 8 vCPU", patch("/api/v1/specs/" + id, "{\"name\":\"8C16G\"}"));
    assertRefused(422, "cpu", "give a new name", patch("/api/v1/specs/" + id, "{}"));
    assertRefused(409, "cpu", "already has a spec of 2 vCPU and 4 GiB", patch("/api/v1/specs/" + id,
        "{\"cpu\":2,\"memoryGiB\":4}"));
    assertRefused(404, null, "no-such-spec", patch("/api/v1/specs/no-such-spec", "{\"cpu\":2}"));
    assertEquals(6, spec(id).get("cpu").asInt(), "refused changes change nothing");

    api.succeeded(token, patch("/api/v1/specs/" + id, "{\"name\":\"web-large\",\"cpu\":240,\"memoryGiB\":1024}"));
    assertEquals("web-large", spec(id).get("name").asText());
    assertEquals(240, spec(id).get("cpu").asInt());
    api.succeeded(token, patch("/api/v1/specs/" + id, "{\"cpu\":4,\"memoryGiB\":10}"));
    assertEquals("web-large", spec(id).get("name").asText(), "a chosen name stays when the values change");
    // the stopped VM is resized to the modified spec, found by its new values and by its new name
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/resize", token, "{\"cpu\":4,\"memoryGiB\":10}"));
    assertEquals(4, get("/api/v1/vms/" + vm).get("cpu").asInt());
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/resize", token, "{\"spec\":\"2C4G\"}"));
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/resize", token, "{\"spec\":\"web-large\"}"));
    assertEquals(10, get("/api/v1/vms/" + vm).get("memoryGiB").asInt());
  }

  @Test
  void theDefaultSpecIsModifiedButNeverDeleted() throws Exception {
    String cluster = get("/api/v1/clusters").at("/items/0/id").asText();
    JsonNode def = null;
    for (JsonNode s : get("/api/v1/specs?clusterId=" + cluster).get("items")) {
      if (s.get("isDefault").asBoolean()) {
        def = s;
      }
    }
    assertTrue(def != null, "the cluster has a default spec");
    String id = def.get("id").asText();
    api.succeeded(token, patch("/api/v1/specs/" + id, "{\"cpu\":2,\"memoryGiB\":2}"));
    JsonNode after = spec(id);
    assertEquals("2C2G", after.get("name").asText());
    assertTrue(after.get("isDefault").asBoolean(), "still the cluster's default: " + after);
    assertEquals(cluster, after.get("clusterId").asText());
    assertRefused(409, null, "default spec and cannot be deleted", api.send("DELETE", "/api/v1/specs/" + id, token,
        null));
    assertEquals(2, spec(id).get("cpu").asInt());
  }

  @Test
  void aDiskSpecIsGeneratedPerStorageClusterModifiedOnlyAndHoldsNewDisksToItsRange() throws Exception {
    JsonNode list = get("/api/v1/disk-specs");
    assertTrue(list.get("total").asInt() >= 1, list.toString());
    JsonNode generated = get("/api/v1/disk-specs/default");
    assertEquals(10, generated.get("minGiB").asInt(), generated.toString());
    assertEquals(16384, generated.get("maxGiB").asInt(), "[storage] max_disk_gib: " + generated);
    assertFalse(generated.get("modified").asBoolean());
    String storageId = generated.get("storageClusterId").asText();

    Api.Reply ok = patch("/api/v1/disk-specs/default", "{\"minGiB\":20,\"maxGiB\":100}");
    assertEquals(200, ok.status(), ok.toString());
    assertEquals(20, ok.json().get("minGiB").asInt());
    assertTrue(ok.json().get("modified").asBoolean());
    assertEquals(100, get("/api/v1/disk-specs/" + storageId).get("maxGiB").asInt(), "by id as by name");

    assertRefused(422, "sizeGiB", "at least 20", api.send("POST", "/api/v1/disks", token,
        "{\"name\":\"too-small\",\"sizeGiB\":15}"));
    assertRefused(422, "sizeGiB", "storage cluster default allows 20 to 100 GiB", api.send("POST", "/api/v1/disks",
        token, "{\"name\":\"too-big\",\"sizeGiB\":101}"));
    String disk = createDisk("in-range", 20);
    assertRefused(422, "sizeGiB", "at most 100", api.send("POST", "/api/v1/disks/" + disk + "/resize", token,
        "{\"sizeGiB\":101}"));
    api.succeeded(token, api.send("POST", "/api/v1/disks/" + disk + "/resize", token, "{\"sizeGiB\":100}"));
    assertEquals(100, get("/api/v1/disks/" + disk).get("sizeGiB").asInt());

    assertRefused(422, "minGiB", "at least 10", patch("/api/v1/disk-specs/default", "{\"minGiB\":9}"));
    assertRefused(422, "maxGiB", "max_disk_gib", patch("/api/v1/disk-specs/default", "{\"maxGiB\":16385}"));
    assertRefused(422, "maxGiB", "below minGiB", patch("/api/v1/disk-specs/default", "{\"minGiB\":50,\"maxGiB\":40}"));
    assertRefused(422, "minGiB", "whole number", patch("/api/v1/disk-specs/default", "{\"minGiB\":10.5}"));
    assertRefused(404, null, "nope", patch("/api/v1/disk-specs/nope", "{\"minGiB\":10}"));
    assertRefused(405, null, "can only be modified", api.send("POST", "/api/v1/disk-specs", token,
        "{\"minGiB\":10,\"maxGiB\":20}"));
    assertRefused(405, null, "can only be modified", api.send("DELETE", "/api/v1/disk-specs/default", token, null));
    assertEquals(20, get("/api/v1/disk-specs/default").get("minGiB").asInt(), "refused changes change nothing");

    api.succeeded(token, api.send("DELETE", "/api/v1/disks/" + disk, token, null));
    assertEquals(200, patch("/api/v1/disk-specs/default", "{\"minGiB\":10,\"maxGiB\":16384}").status());
  }

  @Test
  void modifiedSpecsSurviveARestartOfTheServer() throws Exception {
    Path own = Files.createTempDirectory(dir, "restart");
    String specId;
    try (TestServer first = TestServer.start(own)) {
      String t = first.login();
      Api a = first.api();
      JsonNode specs = a.send("GET", "/api/v1/specs", t, null).json();
      specId = specs.at("/items/0/id").asText();
      a.succeeded(t, a.send("PATCH", "/api/v1/specs/" + specId, t, "{\"name\":\"kept\",\"cpu\":12,\"memoryGiB\":24}"));
      assertEquals(200, a.send("PATCH", "/api/v1/disk-specs/default", t, "{\"minGiB\":30,\"maxGiB\":300}").status());
    }
    try (TestServer again = TestServer.start(own)) {
      String t = again.login();
      Api a = again.api();
      JsonNode kept = null;
      for (JsonNode s : a.send("GET", "/api/v1/specs", t, null).json().get("items")) {
        if (s.get("id").asText().equals(specId)) {
          kept = s;
        }
      }
      assertTrue(kept != null, "the spec is still listed");
      assertEquals("kept", kept.get("name").asText());
      assertEquals(12, kept.get("cpu").asInt());
      assertEquals(24, kept.get("memoryGiB").asInt());
      JsonNode d = a.send("GET", "/api/v1/disk-specs/default", t, null).json();
      assertEquals(30, d.get("minGiB").asInt(), d.toString());
      assertEquals(300, d.get("maxGiB").asInt(), d.toString());
    }
  }
}
