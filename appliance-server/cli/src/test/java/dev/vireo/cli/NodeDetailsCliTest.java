package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code vireo node show} with the node's VMs, {@code vireo node devices} with a table per kind. */
class NodeDetailsCliTest extends LoggedInCliTest {
  static final String NODE = "{\"id\":\"node-1\",\"clusterId\":\"c-1\",\"hostname\":\"n1\",\"agentUrl\":\"http://n1:7070\","
      + "\"state\":\"CONNECTED\",\"arch\":\"x86_64\",\"cpuModel\":\"EPYC\",\"cpus\":2,\"sockets\":1,"
      + "\"coresPerSocket\":2,\"threadsPerCore\":1,\"memoryBytes\":1073741824,\"serial\":\"s\","
      + "\"domainType\":\"qemu\",\"libvirtVersion\":\"9.0.0\",\"vmCount\":1,\"lastHeartbeatAt\":null,"
      + "\"createdAt\":\"2026-11-25T00:00:00Z\",\"locked\":false,\"schedulingStatus\":\"UNLOCKED\"}";
  static final String DEVICES = "{\"nodeId\":\"node-1\",\"observedAt\":\"2026-11-25T10:00:00Z\","
      + "\"networkDevices\":[{\"name\":\"eth0\",\"mac\":\"52:54:00:12:34:56\",\"state\":\"up\",\"speedMbps\":10000,"
      + "\"mtu\":1500,\"driver\":\"ixgbe\",\"virtual\":false},{\"name\":\"br0\",\"mac\":\"aa:bb:cc:dd:ee:ff\","
      + "\"state\":\"down\",\"speedMbps\":null,\"mtu\":1500,\"driver\":null,\"virtual\":true}],"
      + "\"blockDevices\":[{\"name\":\"sda1\",\"type\":\"partition\",\"sizeBytes\":1073741824,\"rotational\":true,"
      + "\"readOnly\":false,\"model\":null,\"mountPoints\":[\"/\",\"/srv\"]}],"
      + "\"usbDevices\":[],"
      + "\"pciDevices\":[{\"address\":\"0000:65:00.0\",\"vendorId\":\"10de\",\"deviceId\":\"20b5\","
      + "\"classId\":\"030200\",\"driver\":\"vfio-pci\"}]}";

  @Test
  void nodeShowListsTheNodesVms() {
    api.on("GET", "/api/v1/nodes/node-1", 200, NODE)
        .on("GET", "/api/v1/vms", 200, "{\"items\":[" + VireoCliTest.VM + "],\"total\":1,\"offset\":0,\"limit\":1000}");

    CliRun r = CliRun.run(profile, "node", "show", "node-1");

    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().matches("(?s).*cpu model:\\s+EPYC.*"), r.stdout());
    assertTrue(r.stdout().contains("VMs on this node: 1"), r.stdout());
    assertTrue(r.stdout().matches("(?s).*\\nvm-1\\s+web\\s+RUNNING\\s+1\\s+1 GiB.*"), r.stdout());
    assertTrue(api.requests("GET", "/api/v1/vms").get(0).uri().contains("nodeId=node-1"),
        api.requests("GET", "/api/v1/vms").get(0).uri());
  }

  @Test
  void nodeDevicesPrintsATablePerKindAndNoneForAnEmptyKind() {
    api.on("GET", "/api/v1/nodes/node-1/devices", 200, DEVICES);

    CliRun r = CliRun.run(profile, "node", "devices", "node-1");

    assertEquals(0, r.exitCode(), r.stderr());
    String o = r.stdout();
    assertTrue(o.matches("(?s).*Network interfaces:\\nNAME\\s+MAC.*\\neth0\\s+52:54:00:12:34:56\\s+up\\s+10000 Mb/s\\s+"
        + "1500\\s+ixgbe\\s+no\\n.*"), o);
    assertTrue(o.matches("(?s).*\\nbr0\\s+aa:bb:cc:dd:ee:ff\\s+down\\s+-\\s+1500\\s+-\\s+yes\\n.*"), o);
    assertTrue(o.matches("(?s).*\\nsda1\\s+partition\\s+1.0 GiB\\s+yes\\s+no\\s+-\\s+/, /srv\\n.*"), o);
    assertTrue(o.contains("USB devices: none"), o);
    assertTrue(o.matches("(?s).*\\n0000:65:00.0\\s+10de:20b5\\s+030200\\s+vfio-pci\\s+none\\s+free\\n.*"), o);
  }

  @Test
  void nodeDevicesAsJsonIsTheModelAndAnUnavailableNodeFailsWithTheServersReason() throws Exception {
    api.on("GET", "/api/v1/nodes/node-1/devices", 200, DEVICES);
    CliRun json = CliRun.run(profile, "node", "devices", "node-1", "--output", "json");
    assertEquals(0, json.exitCode(), json.stderr());
    assertEquals("vfio-pci", new ObjectMapper().readTree(json.stdout()).at("/pciDevices/0/driver").asText());

    api.on("GET", "/api/v1/nodes/node-2/devices", 503, "{\"code\":\"node_unavailable\",\"message\":"
        + "\"node node-2 (n2) is DISCONNECTED: its devices can only be listed while its agent is CONNECTED\",\"field\":null}");
    CliRun down = CliRun.run(profile, "node", "devices", "node-2");
    assertEquals(1, down.exitCode(), down.stdout());
    assertTrue(down.stderr().contains("is DISCONNECTED"), down.stderr());
  }
}
