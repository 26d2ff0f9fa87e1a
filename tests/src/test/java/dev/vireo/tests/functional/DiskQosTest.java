package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.protocol.DataDiskDefinition;
import dev.vireo.agent.protocol.DiskQos;
import dev.vireo.agent.protocol.SetDiskQosCommand;
import dev.vireo.server.config.ServerConfig;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.FakeNodeApiTest;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 D3 through the API on fake nodes with the global switch on (ADR 0025): the formula by
 * size, a per-disk override applied live to the running VM's disk and carried by its definitions,
 * out-of-range values refused naming the field and the range, and an expansion keeping the larger
 * of the override and the new formula.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiskQosTest extends FakeNodeApiTest {
  @Override
  protected ServerConfig tune(ServerConfig c) {
    return c.withDiskQos(true);
  }

  @Override
  protected String imageName() {
    return "qos-image";
  }

  private static String qos(int ri, int wi, int rm, int wm) {
    return "{\"readIops\":" + ri + ",\"writeIops\":" + wi + ",\"readMBps\":" + rm + ",\"writeMBps\":" + wm + "}";
  }

  @Test
  void theFormulaLimitsByCapacityAndAnOverrideIsAppliedLiveAndKeptOnExpansion() throws Exception {
    String disk = created(api.send("POST", "/api/v1/disks", token, "{\"name\":\"q\",\"sizeGiB\":100}"));
    JsonNode f = get("/api/v1/disks/" + disk + "/qos");
    assertEquals("FORMULA", f.get("source").asText());
    assertEquals(1800 + 50 * 100, f.get("readIops").asInt());
    assertEquals(120 + 50, f.get("writeMBps").asInt());

    String vm = created(api.send("POST", "/api/v1/vms", token, "{\"name\":\"qvm\",\"image\":\"" + imageId
        + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":1,\"start\":true}"));
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/disks", token, "{\"disk\":\"" + disk + "\"}"));
    api.succeeded(token, api.send("PUT", "/api/v1/disks/" + disk + "/qos", token, qos(500, 0, 1, 20)));
    JsonNode o = get("/api/v1/disks/" + disk + "/qos");
    assertEquals("OVERRIDE", o.get("source").asText());
    assertEquals(1, o.get("readMBps").asInt());
    assertTrue(node.snapshotCommands().stream().anyMatch(c -> c instanceof SetDiskQosCommand s
        && s.domainName().equals(vm) && new DiskQos(500, 0, 1, 20).equals(s.disk().qos())),
        "applied live on the VM's node: " + node.snapshotCommands());

    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/poweroff", token, null));
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/start", token, null));
    DataDiskDefinition defined = node.lastDefinition(vm).vm().dataDisks().get(0);
    assertEquals(new DiskQos(500, 0, 1, 20), defined.qos(), "the definition carries the limits");

    // expansion to 200 GiB: the formula gives 11800 IOPS and 220 MB/s; the larger of each wins, 0 stays unlimited
    api.succeeded(token, api.send("POST", "/api/v1/disks/" + disk + "/resize", token, "{\"sizeGiB\":200}"));
    JsonNode g = get("/api/v1/disks/" + disk + "/qos");
    assertEquals(11800, g.get("readIops").asInt());
    assertEquals(0, g.get("writeIops").asInt());
    assertEquals(220, g.get("readMBps").asInt());
    assertEquals(220, g.get("writeMBps").asInt());
  }

  @Test
  void outOfRangeLimitsAreRefusedNamingTheFieldAndTheRange() throws Exception {
    String disk = created(api.send("POST", "/api/v1/disks", token, "{\"name\":\"bad-q\",\"sizeGiB\":10}"));
    String path = "/api/v1/disks/" + disk + "/qos";
    refused("readIops", "0 to 50000", api.send("PUT", path, token, qos(50001, 0, 0, 0)));
    refused("writeMBps", "0 to 1000", api.send("PUT", path, token, qos(0, 0, 0, 1001)));
    refused("readMBps", "0 to 1000", api.send("PUT", path, token, qos(0, 0, -1, 0)));
    refused("writeIops", "required", api.send("PUT", path, token, "{\"readIops\":1,\"readMBps\":1,\"writeMBps\":1}"));
    refused("readIops", "whole number", api.send("PUT", path, token, qos(0, 0, 0, 0).replace("\"readIops\":0",
        "\"readIops\":1.5")));
    assertEquals("FORMULA", get(path).get("source").asText(), "nothing recorded");
  }

  private static void refused(String field, String words, Api.Reply r) {
    assertEquals(422, r.status(), r.toString());
    assertEquals(field, r.json().path("field").asText(), r.toString());
    assertTrue(r.json().path("message").asText().contains(words), r.toString());
  }
}
