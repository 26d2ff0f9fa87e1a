package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0027, white paper 3.1.3/4.3: GPU VMs against fake nodes. The default fake node has no
 * passthrough-capable GPU; the peer lists two NVIDIA GPUs, each with its audio function in its
 * IOMMU group. Placement, assignment, the domain's hostdevs, migration refusal, release on delete
 * and the bad-input rules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GpuVmTest {
  @TempDir
  static Path dir;
  private TestServer server;
  private Api api;
  private String token;
  private String imageId;
  private FakeAgent gpuNode;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
    server.fakeAgent();
    gpuNode = server.peerFakeAgent().gpus(FakeAgent.nvidiaGpus(2));
    for (String node : List.of(server.fakeAgent().nodeId(), gpuNode.nodeId())) {
      assertEquals(200, api.send("GET", "/api/v1/nodes/" + node + "/devices", token, null).status());
    }
    if (Fixtures.hasQemuImg()) {
      imageId = Fixtures.importImage(server, token, dir, "gpu-image");
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private String body(String name, String spec, int gpus) {
    return "{\"name\":\"" + name + "\",\"image\":\"" + imageId + "\",\"spec\":\"" + spec
        + "\",\"systemDiskGiB\":1,\"start\":false,\"gpuCount\":" + gpus + "}";
  }

  private void assertRejected(Api.Reply r, int status, String field, String rule) {
    assertEquals(status, r.status(), r.toString());
    assertFalse(r.body().contains("Exception"), r.body());
    assertEquals(field, r.json().path("field").asText(), r.body());
    assertTrue(r.json().path("message").asText().contains(rule), r + " does not say '" + rule + "'");
  }

  @Test
  @Order(1)
  void aGpuCountOtherThanOneTwoOrFourIs422NamingTheRule() throws Exception {
    assumeTrue(imageId != null, "assumes qemu-img (the server needs it to import the image)");
    assertRejected(api.send("POST", "/api/v1/vms", token, body("g3", "16C32G", 3)), 422, "gpuCount",
        "must be 1, 2 or 4");
  }

  @Test
  @Order(2)
  void aGpuVmBelowTheMinimumSpecIs422NamingTheRule() throws Exception {
    assumeTrue(imageId != null, "assumes qemu-img (the server needs it to import the image)");
    assertRejected(api.send("POST", "/api/v1/vms", token, body("g1", "2C4G", 1)), 422, "spec",
        "needs at least 4C8G");
    assertRejected(api.send("POST", "/api/v1/vms", token, body("g2", "4C8G", 2)), 422, "spec",
        "needs at least 8C16G");
  }

  @Test
  @Order(3)
  void moreGpusThanAnyNodeHasFreeIs409() throws Exception {
    assumeTrue(imageId != null, "assumes qemu-img (the server needs it to import the image)");
    assertRejected(api.send("POST", "/api/v1/vms", token, body("g4", "16C32G", 4)), 409, "gpuCount",
        "has 4 free GPU");
  }

  @Test
  @Order(4)
  void aTwoGpuVmIsPlacedOnTheGpuNodeWithBothGpusAndTheirAudioFunctions() throws Exception {
    assumeTrue(imageId != null, "assumes qemu-img (the server needs it to import the image)");
    Api.Reply r = api.send("POST", "/api/v1/vms", token, body("gpu-vm", "8C16G", 2));
    api.succeeded(token, r);
    String vmId = r.json().get("resourceId").asText();
    JsonNode vm = api.send("GET", "/api/v1/vms/" + vmId, token, null).json();
    assertEquals(gpuNode.nodeId(), vm.get("nodeId").asText(), vm.toString());
    assertEquals(List.of("0000:b1:00.0", "0000:b1:00.1", "0000:b2:00.0", "0000:b2:00.1"),
        gpuNode.lastDefinition(vmId).vm().pciPassthrough());

    JsonNode devices = api.send("GET", "/api/v1/nodes/" + gpuNode.nodeId() + "/devices", token, null).json();
    assertEquals(vmId, devices.at("/pciDevices/0/assignedVmId").asText(), devices.toString());
    assertEquals(vmId, devices.at("/pciDevices/1/assignedVmId").asText(), devices.toString());
    assertEquals(40, devices.at("/pciDevices/0/iommuGroup").asInt());
    assertEquals("0000:b1:00.1", devices.at("/pciDevices/0/groupFunctions/0").asText());

    // both GPUs are taken: another GPU VM has nowhere to go
    assertRejected(api.send("POST", "/api/v1/vms", token, body("gpu-vm-2", "4C8G", 1)), 409, "gpuCount",
        "has 1 free GPU");

    // a passed-through GPU cannot move
    assertRejected(api.send("POST", "/api/v1/vms/" + vmId + "/migrate", token,
        "{\"nodeId\":\"" + server.fakeAgent().nodeId() + "\"}"), 409, "gpuCount", "cannot migrate live");

    // deleted: its GPUs are free again, and a 1-GPU VM fits
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vmId, token, null));
    devices = api.send("GET", "/api/v1/nodes/" + gpuNode.nodeId() + "/devices", token, null).json();
    assertTrue(devices.at("/pciDevices/0/assignedVmId").isNull(), devices.toString());
    Api.Reply one = api.send("POST", "/api/v1/vms", token, body("gpu-vm-3", "4C8G", 1));
    api.succeeded(token, one);
    assertEquals(List.of("0000:b1:00.0", "0000:b1:00.1"),
        gpuNode.lastDefinition(one.json().get("resourceId").asText()).vm().pciPassthrough());
  }

  @Test
  @Order(5)
  void aVmWithoutGpusGetsNoHostdev() throws Exception {
    assumeTrue(imageId != null, "assumes qemu-img (the server needs it to import the image)");
    String vmId = Fixtures.createVm(server, token, "plain", imageId);
    String node = api.send("GET", "/api/v1/vms/" + vmId, token, null).json().get("nodeId").asText();
    FakeAgent agent = node.equals(gpuNode.nodeId()) ? gpuNode : server.fakeAgent();
    assertEquals(List.of(), agent.lastDefinition(vmId).vm().pciPassthrough());
  }
}
