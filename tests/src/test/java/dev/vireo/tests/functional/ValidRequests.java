package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vireo.agent.protocol.AgentTaskResult;
import dev.vireo.agent.protocol.DomainEvent;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.DoneReply;
import dev.vireo.agent.protocol.Heartbeat;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One valid request per documented operation, in an order where each finds what it needs
 * (an image before a VM, a VM before its power operations). Mutations wait for their job, so
 * the next operation sees a settled resource.
 */
final class ValidRequests {
  private static final ObjectMapper PROTOCOL = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** What was sent (null without a body) and what came back. */
  record Exchange(String requestBody, Api.Reply reply) {}

  interface Call {
    Exchange run() throws Exception;
  }

  record Step(String operation, Call call) {}

  private final TestServer server;
  private final Api api;
  private final String token;
  private final Path dir;
  private String clusterId;
  private String nodeId;
  private String specId;
  private String imageId;
  private String vmId;
  private String groupId;
  private String networkId;
  // storage clusters and virtual disks (ADR 0021)
  private String storageClusterId;
  private String diskId;
  private String securityGroupId;
  private String portGroupId;
  private String ipGroupId;
  private String nicVmId;
  private String lastJobId;

  ValidRequests(TestServer server, String token, Path dir) {
    this.server = server;
    this.api = server.api();
    this.token = token;
    this.dir = dir;
  }

  List<Step> inOrder() {
    List<Step> s = new ArrayList<>();
    s.add(new Step("POST /api/v1/auth/login", () -> send("POST", "/api/v1/auth/login",
        "{\"username\":\"admin\",\"password\":\"" + server.adminPassword() + "\"}")));
    s.add(new Step("GET /api/v1/ping", () -> get("/api/v1/ping")));
    s.add(new Step("GET /api/v1/openapi.yaml", () -> get("/api/v1/openapi.yaml")));
    s.add(new Step("GET /api/v1/events", () -> new Exchange(null, api.openStream("/api/v1/events", token))));
    s.add(new Step("POST /api/v1/agent/register", () -> {
      FakeAgent agent = server.fakeAgent();
      nodeId = agent.nodeId();
      return agent(dev.vireo.agent.protocol.AgentHttp.REGISTER_PATH, agent.registration());
    }));
    s.add(new Step("POST /api/v1/agent/heartbeat", () -> agent("/api/v1/agent/heartbeat",
        new Heartbeat(nodeId, Instant.now(), FakeAgent.facts(), List.of(), null, null))));
    s.add(new Step("POST /api/v1/agent/peers", () -> agent(dev.vireo.agent.protocol.AgentHttp.PEERS_PATH,
        new dev.vireo.agent.protocol.PeerReport(nodeId, Instant.now(), List.of()))));
    s.add(new Step("POST /api/v1/agent/events", () -> agent("/api/v1/agent/events",
        new DomainEvent(nodeId, "vm-000000000000", DomainPowerState.SHUTOFF, "no such domain", Instant.now()))));
    s.add(new Step("POST /api/v1/agent/callbacks/{taskId}", () -> agent("/api/v1/agent/callbacks/task-unknown",
        AgentTaskResult.ok("task-unknown", new DoneReply()))));
    s.add(new Step("POST /api/v1/agent/metrics", () -> agent(dev.vireo.agent.protocol.AgentHttp.METRICS_PATH,
        new dev.vireo.agent.protocol.MetricsReport(nodeId, Instant.now(), List.of(
            new dev.vireo.agent.protocol.MetricSample("node", nodeId, "cpu_usage_percent", 12.5))))));
    s.add(new Step("GET /api/v1/metrics", () -> get("/api/v1/metrics?resourceType=node&resourceId=" + nodeId
        + "&metric=cpu_usage_percent")));
    s.add(new Step("GET /metrics", () -> get("/metrics")));
    s.add(new Step("GET /api/v1/regions", () -> get("/api/v1/regions")));
    s.add(new Step("GET /api/v1/clusters", () -> {
      Exchange x = get("/api/v1/clusters?offset=0&limit=10");
      clusterId = x.reply().json().at("/items/0/id").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/clusters/{id}", () -> get("/api/v1/clusters/" + clusterId)));
    s.add(new Step("POST /api/v1/clusters", () -> mutation("POST", "/api/v1/clusters",
        "{\"name\":\"conformance\",\"arch\":\"X86_64\",\"cpuOvercommitPercent\":150}", "cluster-create-1")));
    s.add(new Step("PATCH /api/v1/clusters/{id}", () -> mutation("PATCH", "/api/v1/clusters/" + clusterId,
        "{\"cpuOvercommitPercent\":200,\"haProbeIntervalSeconds\":10}", null)));
    s.add(new Step("GET /api/v1/nodes", () -> get("/api/v1/nodes")));
    s.add(new Step("GET /api/v1/nodes/{id}", () -> get("/api/v1/nodes/" + nodeId)));
    s.add(new Step("GET /api/v1/nodes/{id}/devices", () -> get("/api/v1/nodes/" + nodeId + "/devices")));
    s.add(new Step("POST /api/v1/nodes/{id}/lock", () -> mutation("POST", "/api/v1/nodes/" + nodeId + "/lock", null,
        null)));
    // the node has no VM yet: entering maintenance has nothing to move
    s.add(new Step("POST /api/v1/nodes/{id}/maintenance", () -> mutation("POST",
        "/api/v1/nodes/" + nodeId + "/maintenance", null, null)));
    s.add(new Step("DELETE /api/v1/nodes/{id}/maintenance", () -> mutation("DELETE",
        "/api/v1/nodes/" + nodeId + "/maintenance", null, null)));
    s.add(new Step("POST /api/v1/nodes/{id}/unlock", () -> mutation("POST", "/api/v1/nodes/" + nodeId + "/unlock",
        null, null)));
    s.add(new Step("POST /api/v1/groups", () -> {
      Exchange x = mutation("POST", "/api/v1/groups", "{\"name\":\"conformance-nodes\",\"kind\":\"NODE\","
          + "\"relation\":\"AFFINITY\",\"strictness\":\"SOFT\",\"nodeIds\":[\"" + nodeId + "\"]}", "group-create-1");
      groupId = x.reply().json().get("resourceId").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/groups", () -> get("/api/v1/groups?offset=0&limit=10")));
    s.add(new Step("GET /api/v1/groups/{id}", () -> get("/api/v1/groups/" + groupId)));
    s.add(new Step("PUT /api/v1/groups/{id}/nodes", () -> mutation("PUT", "/api/v1/groups/" + groupId + "/nodes",
        "{\"nodeIds\":[\"" + nodeId + "\"]}", null)));
    s.add(new Step("POST /api/v1/placements/dry-run", () -> send("POST", "/api/v1/placements/dry-run", token,
        "{\"clusterId\":\"" + clusterId + "\",\"spec\":\"1C2G\",\"groupIds\":[\"" + groupId + "\"]}")));
    s.add(new Step("DELETE /api/v1/groups/{id}", () -> mutation("DELETE", "/api/v1/groups/" + groupId, null, null)));
    s.add(new Step("POST /api/v1/networks", () -> {
      Exchange x = mutation("POST", "/api/v1/networks", "{\"name\":\"conformance-net\",\"uplink\":\"trunk0\","
          + "\"vlanId\":100,\"ipv4Subnet\":\"10.100.0.0/24\",\"ipv4Gateway\":\"10.100.0.1\","
          + "\"ipv6Subnet\":\"fd00:100::/64\",\"dnsServers\":[\"10.100.0.53\"],\"dhcp\":false,"
          + "\"routes\":[{\"destination\":\"10.200.0.0/16\",\"nextHop\":\"10.100.0.254\"}]}", "network-create-1");
      networkId = x.reply().json().get("resourceId").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/networks", () -> get("/api/v1/networks?offset=0&limit=10")));
    s.add(new Step("GET /api/v1/networks/{id}", () -> get("/api/v1/networks/" + networkId)));
    s.add(new Step("POST /api/v1/port-groups", () -> {
      Exchange x = mutation("POST", "/api/v1/port-groups", "{\"name\":\"conformance-ports\",\"description\":\"web\","
          + "\"entries\":[\"TCP:80,443,3306-10000\",\"UDP:53,1000\"]}", "port-group-create-1");
      portGroupId = x.reply().json().get("resourceId").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/port-groups", () -> get("/api/v1/port-groups?offset=0&limit=10")));
    s.add(new Step("GET /api/v1/port-groups/{id}", () -> get("/api/v1/port-groups/" + portGroupId)));
    s.add(new Step("PUT /api/v1/port-groups/{id}", () -> mutation("PUT", "/api/v1/port-groups/" + portGroupId,
        "{\"name\":\"conformance-ports\",\"entries\":[\"TCP:22\"]}", null)));
    s.add(new Step("POST /api/v1/ip-groups", () -> {
      Exchange x = mutation("POST", "/api/v1/ip-groups", "{\"name\":\"conformance-ips\",\"description\":null,"
          + "\"entries\":[\"10.0.0.1\",\"10.0.1.0/24\",\"10.0.2.1-10.0.2.100\",\"ff05::b5\"]}", "ip-group-create-1");
      ipGroupId = x.reply().json().get("resourceId").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/ip-groups", () -> get("/api/v1/ip-groups?offset=0&limit=10")));
    s.add(new Step("GET /api/v1/ip-groups/{id}", () -> get("/api/v1/ip-groups/" + ipGroupId)));
    s.add(new Step("PUT /api/v1/ip-groups/{id}", () -> mutation("PUT", "/api/v1/ip-groups/" + ipGroupId,
        "{\"name\":\"conformance-ips\",\"entries\":[\"10.0.0.0/8\"]}", null)));
    s.add(new Step("POST /api/v1/security-groups", () -> {
      Exchange x = mutation("POST", "/api/v1/security-groups", "{\"name\":\"conformance-sg\",\"description\":\"web\","
          + "\"rules\":[{\"direction\":\"ingress\",\"protocol\":\"ssh\",\"address\":\"10.0.0.0/8\",\"action\":\"accept\","
          + "\"priority\":\"high\",\"description\":\"admins\"},{\"direction\":\"egress\",\"protocol\":\"all\","
          + "\"address\":\"0.0.0.0/0\",\"action\":\"accept\"},{\"direction\":\"ingress\",\"portGroup\":\"" + portGroupId
          + "\",\"ipGroup\":\"conformance-ips\",\"action\":\"drop\",\"priority\":\"low\"}]}", "security-group-create-1");
      securityGroupId = x.reply().json().get("resourceId").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/security-groups", () -> get("/api/v1/security-groups?offset=0&limit=10")));
    s.add(new Step("GET /api/v1/security-groups/{id}", () -> get("/api/v1/security-groups/" + securityGroupId)));
    s.add(new Step("PUT /api/v1/security-groups/{id}", () -> mutation("PUT", "/api/v1/security-groups/"
        + securityGroupId, "{\"name\":\"conformance-sg\",\"rules\":[{\"direction\":\"ingress\","
        + "\"protocol\":\"tcp\",\"ports\":\"80,443,8000-8080\",\"address\":\"::/0\",\"action\":\"accept\"}]}", null)));
    s.add(new Step("POST /api/v1/security-groups/test", () -> send("POST", "/api/v1/security-groups/test", token,
        "{\"securityGroups\":[\"" + securityGroupId + "\"],\"direction\":\"ingress\",\"protocol\":\"tcp\","
        + "\"sourceAddress\":\"fd00::1\",\"destinationAddress\":null,\"port\":8080}")));
    s.add(new Step("DELETE /api/v1/security-groups/{id}", () -> mutation("DELETE", "/api/v1/security-groups/"
        + securityGroupId, null, null)));
    s.add(new Step("DELETE /api/v1/port-groups/{id}", () -> mutation("DELETE", "/api/v1/port-groups/" + portGroupId,
        null, null)));
    s.add(new Step("DELETE /api/v1/ip-groups/{id}", () -> mutation("DELETE", "/api/v1/ip-groups/" + ipGroupId,
        null, null)));
    s.add(new Step("GET /api/v1/specs", () -> get("/api/v1/specs?clusterId=" + clusterId)));
    s.add(new Step("POST /api/v1/specs", () -> {
      Exchange x = mutation("POST", "/api/v1/specs", "{\"cpu\":6,\"memoryGiB\":12}", "spec-create-1");
      specId = x.reply().json().get("resourceId").asText();
      return x;
    }));
    s.add(new Step("PATCH /api/v1/specs/{id}", () -> mutation("PATCH", "/api/v1/specs/" + specId,
        "{\"name\":\"conformance-spec\",\"cpu\":8,\"memoryGiB\":14}", null)));
    s.add(new Step("DELETE /api/v1/specs/{id}", () -> mutation("DELETE", "/api/v1/specs/" + specId, null, null)));
    s.add(new Step("POST /api/v1/images", () -> {
      needsQemuImg();
      Exchange x = mutation("POST", "/api/v1/images",
          Fixtures.importBody("conformance", Fixtures.smallQcow2(dir, "conformance")), "image-import-1");
      imageId = x.reply().json().get("resourceId").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/images", () -> get("/api/v1/images")));
    s.add(new Step("GET /api/v1/images/{id}", () -> get("/api/v1/images/" + needsImage())));
    s.add(new Step("GET /api/v1/images/{id}/file", () -> get("/api/v1/images/" + needsImage() + "/file")));
    s.add(new Step("POST /api/v1/vms", () -> {
      String body = Fixtures.vmBody("conformance", needsImage());
      body = body.substring(0, body.length() - 1) + ",\"hostname\":\"conformance-guest\",\"dnsServers\":[\"10.0.0.53\"],"
          + "\"password\":\"initial-secret\",\"nics\":[]}";
      Exchange x = mutation("POST", "/api/v1/vms", body, "vm-create-1");
      vmId = x.reply().json().get("resourceId").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/vms", () -> get("/api/v1/vms?state=stopped&nodeId=" + nodeId + "&limit=5")));
    s.add(new Step("GET /api/v1/vms/{id}", () -> get("/api/v1/vms/" + needsVm())));
    s.add(new Step("PATCH /api/v1/vms/{id}", () -> mutation("PATCH", "/api/v1/vms/" + needsVm(),
        "{\"name\":\"conformance-2\",\"description\":\"renamed\"}", null)));
    s.add(new Step("POST /api/v1/vms/{id}/start", () -> mutation("POST", vm("/start"), null, null)));
    s.add(new Step("POST /api/v1/vms/{id}/reboot", () -> mutation("POST", vm("/reboot"), null, null)));
    s.add(new Step("POST /api/v1/vms/{id}/console", () -> send("POST", vm("/console"), token, "{\"protocol\":\"VNC\"}")));
    s.add(new Step("POST /api/v1/vms/{id}/migrate", () -> mutation("POST", vm("/migrate"),
        "{\"nodeId\":\"" + server.peerFakeAgent().nodeId() + "\"}", null)));
    // vm operations: suspend to file and restore the running VM, then resize it once stopped
    s.add(new Step("POST /api/v1/vms/{id}/suspend", () -> mutation("POST", vm("/suspend"), null, null)));
    s.add(new Step("POST /api/v1/vms/{id}/resume", () -> mutation("POST", vm("/resume"), null, null)));
    s.add(new Step("POST /api/v1/vms/{id}/stop", () -> mutation("POST", vm("/stop"),
        "{\"timeoutSeconds\":5,\"force\":true}", null)));
    s.add(new Step("POST /api/v1/vms/{id}/poweroff", () -> mutation("POST", vm("/poweroff"), null, null)));
    // --- storage clusters and virtual disks (ADR 0021), on the stopped VM before it leaves the cluster ---
    s.add(new Step("POST /api/v1/storage-clusters", () -> {
      Exchange x = mutation("POST", "/api/v1/storage-clusters", "{\"name\":\"conformance-fast\",\"clusterId\":\""
          + clusterId + "\",\"path\":\"" + dir.toAbsolutePath().resolve("conformance-fast") + "\","
          + "\"description\":\"performance\"}", "storage-create-1");
      storageClusterId = x.reply().json().get("resourceId").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/storage-clusters", () -> get("/api/v1/storage-clusters?offset=0&limit=10")));
    s.add(new Step("GET /api/v1/storage-clusters/{id}", () -> get("/api/v1/storage-clusters/" + storageClusterId)));
    s.add(new Step("POST /api/v1/storage-clusters/{id}/refresh", () -> mutation("POST", "/api/v1/storage-clusters/"
        + storageClusterId + "/refresh", null, null)));
    s.add(new Step("GET /api/v1/disk-specs", () -> get("/api/v1/disk-specs?offset=0&limit=10")));
    s.add(new Step("GET /api/v1/disk-specs/{id}", () -> get("/api/v1/disk-specs/" + storageClusterId)));
    s.add(new Step("PATCH /api/v1/disk-specs/{id}", () -> mutation("PATCH", "/api/v1/disk-specs/" + storageClusterId,
        "{\"minGiB\":10,\"maxGiB\":2048}", null)));
    s.add(new Step("POST /api/v1/disks", () -> {
      Exchange x = mutation("POST", "/api/v1/disks", "{\"name\":\"conformance-disk\",\"description\":\"data\","
          + "\"sizeGiB\":10,\"storageClusterId\":\"" + storageClusterId + "\"}", "disk-create-1");
      diskId = x.reply().json().get("resourceId").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/disks", () -> get("/api/v1/disks?offset=0&limit=10&storageClusterId="
        + storageClusterId)));
    s.add(new Step("GET /api/v1/disks/{id}", () -> get("/api/v1/disks/" + diskId)));
    s.add(new Step("POST /api/v1/disks/{id}/resize", () -> mutation("POST", "/api/v1/disks/" + diskId + "/resize",
        "{\"sizeGiB\":11}", null)));
    s.add(new Step("POST /api/v1/disks/{id}/clone", () -> {
      Exchange x = mutation("POST", "/api/v1/disks/" + diskId + "/clone", "{\"name\":\"conformance-copy\","
          + "\"description\":\"copy\"}", "disk-clone-1");
      mutation("DELETE", "/api/v1/disks/" + x.reply().json().get("resourceId").asText(), null, null);
      return x;
    }));
    // storage live migration (ADR 0026): to the default storage cluster of the same compute cluster
    s.add(new Step("POST /api/v1/disks/{id}/migrate", () -> mutation("POST", "/api/v1/disks/" + diskId + "/migrate",
        "{\"storageClusterId\":\"default\"}", null)));
    // --- disk snapshots (ADR 0025), of the detached disk ---
    s.add(new Step("POST /api/v1/disks/{id}/snapshots", () -> mutation("POST", "/api/v1/disks/" + diskId
        + "/snapshots", "{\"name\":\"conformance-snap\",\"description\":\"before\"}", "snap-create-1")));
    s.add(new Step("GET /api/v1/disks/{id}/snapshots", () -> get("/api/v1/disks/" + diskId
        + "/snapshots?offset=0&limit=10")));
    s.add(new Step("GET /api/v1/disks/{id}/snapshots/{snapshotId}", () -> get("/api/v1/disks/" + diskId
        + "/snapshots/conformance-snap")));
    s.add(new Step("POST /api/v1/disks/{id}/snapshots/{snapshotId}/rollback", () -> mutation("POST", "/api/v1/disks/"
        + diskId + "/snapshots/conformance-snap/rollback", null, null)));
    s.add(new Step("POST /api/v1/disks/{id}/snapshots/{snapshotId}/disks", () -> {
      Exchange x = mutation("POST", "/api/v1/disks/" + diskId + "/snapshots/conformance-snap/disks",
          "{\"name\":\"conformance-from-snap\",\"description\":\"copy\"}", "snap-disk-1");
      mutation("DELETE", "/api/v1/disks/" + x.reply().json().get("resourceId").asText(), null, null);
      return x;
    }));
    s.add(new Step("DELETE /api/v1/disks/{id}/snapshots/{snapshotId}", () -> mutation("DELETE", "/api/v1/disks/"
        + diskId + "/snapshots/conformance-snap", null, null)));
    // --- disk QoS (ADR 0025) ---
    s.add(new Step("PUT /api/v1/disks/{id}/qos", () -> mutation("PUT", "/api/v1/disks/" + diskId + "/qos",
        "{\"readIops\":500,\"writeIops\":0,\"readMBps\":10,\"writeMBps\":0}", null)));
    s.add(new Step("GET /api/v1/disks/{id}/qos", () -> get("/api/v1/disks/" + diskId + "/qos")));
    // --- system-disk snapshots (ADR 0025), of the stopped VM ---
    s.add(new Step("POST /api/v1/vms/{id}/snapshots", () -> mutation("POST", vm("/snapshots"),
        "{\"name\":\"conformance-sys\",\"description\":\"before\"}", "vm-snap-create-1")));
    s.add(new Step("GET /api/v1/vms/{id}/snapshots", () -> get(vm("/snapshots?offset=0&limit=10"))));
    s.add(new Step("GET /api/v1/vms/{id}/snapshots/{snapshotId}", () -> get(vm("/snapshots/conformance-sys"))));
    s.add(new Step("POST /api/v1/vms/{id}/snapshots/{snapshotId}/rollback", () -> mutation("POST",
        vm("/snapshots/conformance-sys/rollback"), null, null)));
    s.add(new Step("POST /api/v1/vms/{id}/snapshots/{snapshotId}/disks", () -> {
      Exchange x = mutation("POST", vm("/snapshots/conformance-sys/disks"), "{\"name\":\"conformance-from-sys\"}",
          "vm-snap-disk-1");
      mutation("DELETE", "/api/v1/disks/" + x.reply().json().get("resourceId").asText(), null, null);
      return x;
    }));
    s.add(new Step("DELETE /api/v1/vms/{id}/snapshots/{snapshotId}", () -> mutation("DELETE",
        vm("/snapshots/conformance-sys"), null, null)));
    // system disk storage migration (ADR 0028): to the second storage cluster, and back in the next step's setup
    // (so it can be deleted; one call per step, as the operation-log check counts)
    s.add(new Step("POST /api/v1/vms/{id}/system-disk/migrate", () -> mutation("POST", vm("/system-disk/migrate"),
        "{\"storageClusterId\":\"" + storageClusterId + "\"}", null)));
    s.add(new Step("POST /api/v1/vms/{id}/disks", () -> {
      mutation("POST", vm("/system-disk/migrate"), "{\"storageClusterId\":\"default\"}", null);
      return mutation("POST", vm("/disks"), "{\"disk\":\"" + diskId + "\"}", null);
    }));
    s.add(new Step("GET /api/v1/vms/{id}/disks", () -> get(vm("/disks"))));
    s.add(new Step("DELETE /api/v1/vms/{id}/disks/{diskId}", () -> mutation("DELETE", vm("/disks/" + diskId), null,
        null)));
    // devices (ADR 0027): a USB redirection (passthrough needs the node's device: UsbDevicesTest)
    s.add(new Step("POST /api/v1/vms/{id}/usb-devices", () -> mutation("POST", vm("/usb-devices"),
        "{\"type\":\"REDIRECT\",\"host\":\"192.0.2.10\",\"port\":4000}", null)));
    s.add(new Step("GET /api/v1/vms/{id}/usb-devices", () -> get(vm("/usb-devices"))));
    s.add(new Step("DELETE /api/v1/vms/{id}/usb-devices/{usbId}", () -> mutation("DELETE", vm("/usb-devices/"
        + api.send("GET", vm("/usb-devices"), token, null).json().get(0).get("id").asText()), null, null)));
    s.add(new Step("DELETE /api/v1/disks/{id}", () -> mutation("DELETE", "/api/v1/disks/" + diskId, null, null)));
    s.add(new Step("DELETE /api/v1/storage-clusters/{id}", () -> mutation("DELETE", "/api/v1/storage-clusters/"
        + storageClusterId, null, null)));
    s.add(new Step("POST /api/v1/vms/{id}/resize", () -> mutation("POST", vm("/resize"), "{\"spec\":\"2C4G\"}", null)));
    // system disk growth (C4, ADR 0026)
    s.add(new Step("POST /api/v1/vms/{id}/system-disk/resize", () -> mutation("POST", vm("/system-disk/resize"),
        "{\"sizeGiB\":" + (systemDiskGiB() + 1) + "}", null)));
    // images from VMs, reinstall, ISO eject (ADR 0029): the VM is STOPPED here
    s.add(new Step("POST /api/v1/vms/{id}/image", () -> mutation("POST", vm("/image"),
        "{\"name\":\"conformance-made\",\"description\":\"from the conformance VM\"}", "image-from-vm-1")));
    s.add(new Step("POST /api/v1/vms/{id}/reinstall", () -> mutation("POST", vm("/reinstall"),
        "{\"image\":\"" + needsImage() + "\",\"password\":\"another-secret\"}", null)));
    s.add(new Step("DELETE /api/v1/vms/{id}/cdrom", () -> mutation("DELETE", vm("/cdrom"), null, null)));
    // Offline migration of the stopped VM to the cluster created above (same route, clusterId).
    s.add(new Step("POST /api/v1/vms/{id}/migrate", () -> mutation("POST", vm("/migrate"),
        "{\"clusterId\":\"conformance\"}", null)));
    s.add(new Step("GET /api/v1/vms/{id}/serial-log", () -> get(vm("/serial-log?maxBytes=1024"))));
    s.add(new Step("DELETE /api/v1/vms/{id}", () -> mutation("DELETE", vm(""), null, null)));
    s.add(new Step("PATCH /api/v1/vms/{id}/nics/{index}", () -> {
      String body = Fixtures.vmBody("conformance-nic", needsImage());
      Exchange created = mutation("POST", "/api/v1/vms", body.substring(0, body.length() - 1)
          + ",\"nics\":[{\"network\":\"" + networkId + "\"}]}", null);
      nicVmId = created.reply().json().get("resourceId").asText();
      return mutation("PATCH", "/api/v1/vms/" + nicVmId + "/nics/0", "{\"macAddress\":\"52:54:00:c0:ff:ee\"}", null);
    }));
    s.add(new Step("PUT /api/v1/vms/{id}/nics/{index}/security-groups", () -> {
      assumeTrue(nicVmId != null, "no VM with a NIC was created");
      mutation("POST", "/api/v1/security-groups", "{\"name\":\"conformance-nic-sg\",\"rules\":[{\"direction\":"
          + "\"ingress\",\"protocol\":\"ping\",\"address\":\"0.0.0.0/0\",\"action\":\"accept\"}]}", null);
      return mutation("PUT", "/api/v1/vms/" + nicVmId + "/nics/0/security-groups",
          "{\"securityGroups\":[\"conformance-nic-sg\"]}", null);
    }));
    s.add(new Step("POST /api/v1/security-groups/test", () -> send("POST", "/api/v1/security-groups/test", token,
        "{\"vmId\":\"" + nicVmId + "\",\"nicIndex\":0,\"direction\":\"ingress\",\"protocol\":\"icmpv4\","
        + "\"sourceAddress\":\"192.0.2.1\"}")));
    s.add(new Step("PATCH /api/v1/networks/{id}", () -> mutation("PATCH", "/api/v1/networks/" + networkId,
        "{\"routes\":[{\"destination\":\"10.77.0.0/16\",\"nextHop\":\"10.100.0.1\"}]}", null)));
    s.add(new Step("DELETE /api/v1/networks/{id}", () -> {
      if (nicVmId != null) {
        mutation("DELETE", "/api/v1/vms/" + nicVmId, null, null);
      }
      return mutation("DELETE", "/api/v1/networks/" + networkId, null, null);
    }));
    s.add(new Step("DELETE /api/v1/images/{id}", () -> mutation("DELETE", "/api/v1/images/" + needsImage(), null,
        null)));
    s.add(new Step("GET /api/v1/jobs", () -> get("/api/v1/jobs?state=SUCCEEDED&offset=0&limit=5")));
    s.add(new Step("GET /api/v1/jobs/{id}", () -> get("/api/v1/jobs/" + lastJobId)));
    s.add(new Step("GET /api/v1/operation-logs", () -> get("/api/v1/operation-logs?module=vms,storage&result=SUCCEEDED"
        + "&from=" + Instant.now().minusSeconds(86_400) + "&limit=5")));
    s.add(new Step("GET /api/v1/operation-logs/export", () -> get("/api/v1/operation-logs/export?module=vms")));
    s.add(new Step("GET /api/v1/resource-events", () -> get("/api/v1/resource-events?resourceType=vm"
        + "&level=NORMAL,ERROR&from=" + Instant.now().minusSeconds(86_400) + "&limit=5")));
    s.add(new Step("GET /api/v1/resource-events/export", () -> get("/api/v1/resource-events/export?level=ERROR")));
    notificationSteps(s);
    alarmSteps(s);
    accountSteps(s);
    brandingSteps(s);
    settingsSteps(s);
    oauthSteps(s);
    s.add(new Step("POST /api/v1/auth/logout", () -> new Exchange(null,
        api.send("POST", "/api/v1/auth/logout", server.login(), null))));
    return s;
  }

  /**
   * Notification contacts and groups, a test notification (to a loopback port nothing listens on:
   * the answer is 200 with the FAILED delivery; NotificationGroupsTest delivers for real), the
   * deliveries and the SMTP settings (ADR 0034).
   */
  private void notificationSteps(List<Step> s) {
    String[] ids = new String[2];
    s.add(new Step("PUT /api/v1/settings/smtp", () -> mutation("PUT", "/api/v1/settings/smtp", "{\"host\":"
        + "\"127.0.0.1\",\"port\":1,\"security\":\"NONE\",\"username\":\"vireo\",\"password\":\"not-shown\","
        + "\"from\":\"vireo@example.com\",\"timeoutSeconds\":5}", null)));
    s.add(new Step("GET /api/v1/settings/smtp", () -> get("/api/v1/settings/smtp")));
    s.add(new Step("POST /api/v1/notification-contacts", () -> {
      Exchange x = mutation("POST", "/api/v1/notification-contacts", "{\"name\":\"conformance-hook\","
          + "\"kind\":\"WEBHOOK\",\"url\":\"http://127.0.0.1:1/vireo\",\"method\":\"POST\"}", null);
      ids[0] = x.reply().json().path("id").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/notification-contacts", () -> get("/api/v1/notification-contacts?offset=0&limit=10")));
    s.add(new Step("GET /api/v1/notification-contacts/{id}", () -> get("/api/v1/notification-contacts/" + ids[0])));
    s.add(new Step("PUT /api/v1/notification-contacts/{id}", () -> mutation("PUT", "/api/v1/notification-contacts/"
        + ids[0], "{\"name\":\"conformance-hook\",\"kind\":\"WEBHOOK\",\"url\":\"http://127.0.0.1:1/vireo?x=1\","
        + "\"method\":\"GET\"}", null)));
    s.add(new Step("POST /api/v1/notification-groups", () -> {
      Exchange x = mutation("POST", "/api/v1/notification-groups", "{\"name\":\"conformance-notify\","
          + "\"description\":\"ops\",\"contactIds\":[\"" + ids[0] + "\"]}", null);
      ids[1] = x.reply().json().path("id").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/notification-groups", () -> get("/api/v1/notification-groups?offset=0&limit=10")));
    s.add(new Step("GET /api/v1/notification-groups/{id}", () -> get("/api/v1/notification-groups/" + ids[1])));
    s.add(new Step("PUT /api/v1/notification-groups/{id}", () -> mutation("PUT", "/api/v1/notification-groups/"
        + ids[1], "{\"name\":\"conformance-notify\",\"description\":null,\"contactIds\":[\"" + ids[0] + "\"]}",
        null)));
    s.add(new Step("POST /api/v1/notification-groups/{id}/test", () -> mutation("POST", "/api/v1/notification-groups/"
        + ids[1] + "/test", null, null)));
    s.add(new Step("GET /api/v1/notification-deliveries", () -> get("/api/v1/notification-deliveries?groupId="
        + ids[1] + "&status=FAILED&offset=0&limit=5")));
    String[] rule = new String[1];
    s.add(new Step("POST /api/v1/notification-rules", () -> {
      Exchange x = mutation("POST", "/api/v1/notification-rules", "{\"name\":\"conformance-rule\","
          + "\"source\":\"OPERATION_LOG\",\"notificationGroupId\":\"" + ids[1] + "\",\"modules\":[\"vms\"],"
          + "\"levels\":[\"FAILED\"]}", null);
      rule[0] = x.reply().json().path("id").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/notification-rules", () -> get("/api/v1/notification-rules?source=OPERATION_LOG")));
    s.add(new Step("GET /api/v1/notification-rules/{id}", () -> get("/api/v1/notification-rules/" + rule[0])));
    s.add(new Step("PUT /api/v1/notification-rules/{id}", () -> mutation("PUT", "/api/v1/notification-rules/"
        + rule[0], "{\"name\":\"conformance-rule\",\"notificationGroupId\":\"" + ids[1] + "\",\"levels\":"
        + "[\"FAILED\",\"SUCCEEDED\"]}", null)));
    s.add(new Step("DELETE /api/v1/notification-rules/{id}", () -> mutation("DELETE", "/api/v1/notification-rules/"
        + rule[0], null, null)));
    s.add(new Step("DELETE /api/v1/notification-groups/{id}", () -> mutation("DELETE", "/api/v1/notification-groups/"
        + ids[1], null, null)));
    s.add(new Step("DELETE /api/v1/notification-contacts/{id}", () -> mutation("DELETE",
        "/api/v1/notification-contacts/" + ids[0], null, null)));
  }

  /**
   * Roles, an account of the default region that logs in and must change its password first,
   * its freeze and unfreeze, the security settings (ADR 0038, 0039).
   */
  private void accountSteps(List<Step> s) {
    String[] ids = new String[3];
    String email = "conformance@example.com";
    s.add(new Step("GET /api/v1/auth/account", () -> get("/api/v1/auth/account")));
    s.add(new Step("GET /api/v1/permissions", () -> get("/api/v1/permissions?offset=0&limit=500")));
    s.add(new Step("GET /api/v1/roles", () -> get("/api/v1/roles?offset=0&limit=10")));
    s.add(new Step("POST /api/v1/roles", () -> {
      ids[2] = api.send("GET", "/api/v1/regions", token, null).json().at("/items/0/id").asText();
      Exchange x = mutation("POST", "/api/v1/roles", "{\"name\":\"conformance-operator\",\"description\":\"starts"
          + " and stops\",\"permissions\":[\"vms:read\",\"vms:start\",\"vms:stop\"]}", null);
      ids[0] = x.reply().json().path("id").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/roles/{id}", () -> get("/api/v1/roles/" + ids[0])));
    s.add(new Step("PUT /api/v1/roles/{id}", () -> mutation("PUT", "/api/v1/roles/" + ids[0],
        "{\"name\":\"conformance-operator\",\"permissions\":[\"vms:read\",\"vms:start\",\"vms:stop\","
        + "\"vms:console\"]}", null)));
    s.add(new Step("POST /api/v1/accounts", () -> {
      Exchange x = mutation("POST", "/api/v1/accounts", "{\"email\":\"" + email + "\",\"displayName\":"
          + "\"Conformance\",\"password\":\"First-pass1\",\"scope\":\"REGION\",\"regionIds\":[\"" + ids[2]
          + "\"],\"roleIds\":[\"" + ids[0] + "\"]}", null);
      ids[1] = x.reply().json().path("id").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/accounts", () -> get("/api/v1/accounts?offset=0&limit=10")));
    s.add(new Step("GET /api/v1/accounts/{id}", () -> get("/api/v1/accounts/" + ids[1])));
    s.add(new Step("PATCH /api/v1/accounts/{id}", () -> mutation("PATCH", "/api/v1/accounts/" + ids[1],
        "{\"displayName\":\"Conformance operator\",\"readOnly\":false,\"roleIds\":[\"" + ids[0]
        + "\",\"region-readonly\"]}", null)));
    s.add(new Step("PUT /api/v1/accounts/{id}/regions", () -> mutation("PUT", "/api/v1/accounts/" + ids[1]
        + "/regions", "{\"regionIds\":[\"" + ids[2] + "\"]}", null)));
    s.add(new Step("POST /api/v1/auth/password", () -> {
      String own = api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"" + email
          + "\",\"password\":\"First-pass1\"}").json().path("token").asText();
      String body = "{\"currentPassword\":\"First-pass1\",\"newPassword\":\"Second-pass2\"}";
      return send("POST", "/api/v1/auth/password", own, body);
    }));
    loginSecuritySteps(s, ids, email);
    String[] key = new String[1];
    s.add(new Step("POST /api/v1/accounts/{id}/api-keys", () -> {
      Exchange x = mutation("POST", "/api/v1/accounts/" + ids[1] + "/api-keys", "{\"description\":\"conformance\"}",
          null);
      key[0] = x.reply().json().path("accessKey").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/accounts/{id}/api-keys", () -> get("/api/v1/accounts/" + ids[1]
        + "/api-keys?offset=0&limit=10")));
    s.add(new Step("POST /api/v1/accounts/{id}/api-keys/{keyId}/disable", () -> mutation("POST", "/api/v1/accounts/"
        + ids[1] + "/api-keys/" + key[0] + "/disable", null, null)));
    s.add(new Step("POST /api/v1/accounts/{id}/api-keys/{keyId}/enable", () -> mutation("POST", "/api/v1/accounts/"
        + ids[1] + "/api-keys/" + key[0] + "/enable", null, null)));
    s.add(new Step("DELETE /api/v1/accounts/{id}/api-keys/{keyId}", () -> mutation("DELETE", "/api/v1/accounts/"
        + ids[1] + "/api-keys/" + key[0], null, null)));
    s.add(new Step("POST /api/v1/accounts/{id}/freeze", () -> mutation("POST", "/api/v1/accounts/" + ids[1]
        + "/freeze", null, null)));
    s.add(new Step("POST /api/v1/accounts/{id}/unfreeze", () -> mutation("POST", "/api/v1/accounts/" + ids[1]
        + "/unfreeze", null, null)));
    String settings = "{\"lockoutEnabled\":true,\"lockoutThreshold\":5,\"lockoutMinutes\":30,"
        + "\"passwordMinLength\":8,\"passwordMaxLength\":30,\"passwordMinCharClasses\":2,\"passwordExpiryDays\":90,"
        + "\"forceChangeOnExpiry\":true,\"forceChangeNonCompliant\":true,\"idleTimeoutMinutes\":30,"
        + "\"singleSession\":false}";
    s.add(new Step("GET /api/v1/settings/security", () -> get("/api/v1/settings/security")));
    s.add(new Step("PUT /api/v1/settings/security", () -> mutation("PUT", "/api/v1/settings/security", settings,
        null)));
    s.add(new Step("DELETE /api/v1/accounts/{id}", () -> mutation("DELETE", "/api/v1/accounts/" + ids[1], null,
        null)));
    s.add(new Step("DELETE /api/v1/roles/{id}", () -> mutation("DELETE", "/api/v1/roles/" + ids[0], null, null)));
  }

  /** Branding (ADR 0044): read without a token, texts and an image set, the image served, reset. */
  private void brandingSteps(List<Step> s) {
    String png = java.util.Base64.getEncoder().encodeToString(BrandingTest.PNG);
    s.add(new Step("GET /api/v1/branding", () -> send("GET", "/api/v1/branding", null)));
    s.add(new Step("PUT /api/v1/branding", () -> mutation("PUT", "/api/v1/branding", "{\"siteTitle\":\"Acme Cloud\","
        + "\"showHelp\":true,\"showFavorites\":false,\"englishConsole\":true,\"showFailureReasons\":true,"
        + "\"alarmUnitMegabytes\":false,\"bigScreenTitle\":\"Acme NOC\",\"loginTitle\":\"Acme\","
        + "\"loginTitleColor\":\"white\",\"loginPhone\":\"+1 555 0100\",\"loginInputPosition\":\"right\","
        + "\"loginCopyright\":\"(c) Acme\",\"loginDescription\":\"The lab\",\"loginInputTransparent\":true,"
        + "\"primaryColor\":\"#123456\",\"accentColor\":\"#F2B134\"}", null)));
    s.add(new Step("PUT /api/v1/branding/images/{kind}", () -> mutation("PUT", "/api/v1/branding/images/logo",
        "{\"data\":\"" + png + "\"}", null)));
    s.add(new Step("GET /api/v1/branding/images/{kind}", () -> send("GET", "/api/v1/branding/images/logo", null)));
    s.add(new Step("DELETE /api/v1/branding/images/{kind}", () -> mutation("DELETE",
        "/api/v1/branding/images/logo", null, null)));
    s.add(new Step("POST /api/v1/branding/reset", () -> mutation("POST", "/api/v1/branding/reset", null, null)));
  }

  /**
   * The account's own TOTP enrolment, confirmation and turning off, its e-mail change; its 2FA
   * reset, IP allow-list and sessions by the administrator; password recovery (ADR 0041).
   */
  private void loginSecuritySteps(List<Step> s, String[] ids, String email) {
    String[] own = new String[3];
    s.add(new Step("POST /api/v1/auth/totp", () -> {
      own[0] = api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"" + email
          + "\",\"password\":\"Second-pass2\"}").json().path("token").asText();
      Exchange x = send("POST", "/api/v1/auth/totp", own[0], null);
      own[1] = x.reply().json().path("secret").asText();
      return x;
    }));
    s.add(new Step("POST /api/v1/auth/totp/confirm", () -> send("POST", "/api/v1/auth/totp/confirm", own[0],
        "{\"code\":\"" + dev.vireo.server.auth.twofactor.Totp.code(
            dev.vireo.server.auth.twofactor.Totp.fromBase32(own[1]),
            dev.vireo.server.auth.twofactor.Totp.step(Instant.now())) + "\"}")));
    s.add(new Step("POST /api/v1/auth/totp/disable", () -> send("POST", "/api/v1/auth/totp/disable", own[0],
        "{\"currentPassword\":\"Second-pass2\"}")));
    s.add(new Step("DELETE /api/v1/accounts/{id}/totp", () -> mutation("DELETE", "/api/v1/accounts/" + ids[1]
        + "/totp", null, null)));
    s.add(new Step("POST /api/v1/auth/email", () -> send("POST", "/api/v1/auth/email", own[0],
        "{\"currentPassword\":\"Second-pass2\",\"newEmail\":\"conformance2@example.com\"}")));
    s.add(new Step("GET /api/v1/accounts/{id}/ip-allow-list", () -> get("/api/v1/accounts/" + ids[1]
        + "/ip-allow-list")));
    s.add(new Step("PUT /api/v1/accounts/{id}/ip-allow-list", () -> mutation("PUT", "/api/v1/accounts/" + ids[1]
        + "/ip-allow-list", "{\"entries\":[\"127.0.0.1\",\"10.0.0.0/8\",\"::1\",\"2001:db8::/32\"]}", null)));
    s.add(new Step("GET /api/v1/accounts/{id}/sessions", () -> {
      Exchange x = get("/api/v1/accounts/" + ids[1] + "/sessions?offset=0&limit=10");
      own[2] = x.reply().json().at("/items/0/id").asText();
      return x;
    }));
    s.add(new Step("DELETE /api/v1/accounts/{id}/sessions/{sessionId}", () -> mutation("DELETE",
        "/api/v1/accounts/" + ids[1] + "/sessions/" + own[2], null, null)));
    s.add(new Step("DELETE /api/v1/accounts/{id}/sessions", () -> mutation("DELETE", "/api/v1/accounts/" + ids[1]
        + "/sessions", null, null)));
    s.add(new Step("POST /api/v1/auth/password-recovery", () -> send("POST", "/api/v1/auth/password-recovery",
        "{\"email\":\"conformance2@example.com\"}")));
    s.add(new Step("GET /api/v1/auth/password-reset", () -> send("GET", "/api/v1/auth/password-reset?token=abc",
        null)));
    s.add(new Step("POST /api/v1/auth/password-reset", () -> send("POST", "/api/v1/auth/password-reset",
        "{\"token\":\"" + server.passwordResetToken(ids[1]) + "\",\"newPassword\":\"Third-pass3\"}")));
  }

  /**
   * Platform settings (ADR 0045): a test mail to a GreenMail started for the step, the disk settings
   * without switching QoS, the deletion policy left allowing deletion, and the server's own
   * certificate uploaded again (so the pinned fingerprint stays; PlatformSettingsTest replaces it).
   */
  private void settingsSteps(List<Step> s) {
    s.add(new Step("POST /api/v1/settings/smtp/test", () -> {
      com.icegreen.greenmail.util.GreenMail mail = new com.icegreen.greenmail.util.GreenMail(
          new com.icegreen.greenmail.util.ServerSetup(0, "127.0.0.1", "smtp"));
      mail.start();
      try {
        Api.Reply put = api.send("PUT", "/api/v1/settings/smtp", token, "{\"host\":\"127.0.0.1\",\"port\":"
            + mail.getSmtp().getPort() + ",\"security\":\"NONE\",\"from\":\"vireo@example.com\"}");
        if (put.status() != 200) {
          throw new IllegalStateException("PUT smtp: " + put);
        }
        return mutation("POST", "/api/v1/settings/smtp/test", "{\"to\":\"ops@example.com\"}", null);
      } finally {
        mail.stop();
      }
    }));
    s.add(new Step("GET /api/v1/settings/disks", () -> get("/api/v1/settings/disks")));
    s.add(new Step("PUT /api/v1/settings/disks", () -> mutation("PUT", "/api/v1/settings/disks",
        "{\"maxSnapshotsPerDisk\":5}", null)));
    s.add(new Step("GET /api/v1/settings/deletion-policy", () -> get("/api/v1/settings/deletion-policy")));
    s.add(new Step("PUT /api/v1/settings/deletion-policy", () -> mutation("PUT", "/api/v1/settings/deletion-policy",
        "{\"deletionForbidden\":false}", null)));
    s.add(new Step("GET /api/v1/settings/tls-certificate", () -> get("/api/v1/settings/tls-certificate")));
    s.add(new Step("PUT /api/v1/settings/tls-certificate", () -> {
      dev.vireo.tests.support.Pem.Identity own = dev.vireo.tests.support.Pem.ofServer(server.dataDir());
      return mutation("PUT", "/api/v1/settings/tls-certificate", Api.JSON.writeValueAsString(java.util.Map.of(
          "certificateChain", own.chain(), "privateKey", own.key())), null);
    }));
  }

  /** A client registered, the code flow through the sign-in form, userinfo, revocation (ADR 0043). */
  private void oauthSteps(List<Step> s) {
    String[] ids = new String[4]; // client id, secret, code, access token
    String redirect = "https://app.example.com/callback";
    String form = "application/x-www-form-urlencoded";
    s.add(new Step("POST /api/v1/oauth-clients", () -> {
      Exchange x = mutation("POST", "/api/v1/oauth-clients", "{\"name\":\"conformance-app\",\"confidential\":true,"
          + "\"redirectUris\":[\"" + redirect + "\"],\"grantTypes\":[\"authorization_code\",\"refresh_token\","
          + "\"client_credentials\"],\"scopes\":[\"openid\",\"email\",\"vireo.read\"]}", null);
      ids[0] = x.reply().json().path("id").asText();
      ids[1] = x.reply().json().path("clientSecret").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/oauth-clients", () -> get("/api/v1/oauth-clients?offset=0&limit=10")));
    s.add(new Step("GET /api/v1/oauth-clients/{id}", () -> get("/api/v1/oauth-clients/" + ids[0])));
    s.add(new Step("GET /.well-known/openid-configuration", () -> new Exchange(null,
        api.send("GET", "/.well-known/openid-configuration", null, null))));
    s.add(new Step("POST /api/v1/oauth-signing-keys/rotate", () -> mutation("POST", "/api/v1/oauth-signing-keys/rotate",
        "{\"reason\":\"conformance\"}", null)));
    s.add(new Step("GET /api/v1/oauth-signing-keys", () -> get("/api/v1/oauth-signing-keys?offset=0&limit=10")));
    s.add(new Step("GET /oauth2/jwks", () -> new Exchange(null, api.send("GET", "/oauth2/jwks", null, null))));
    s.add(new Step("GET /oauth2/authorize", () -> new Exchange(null, api.send("GET", "/oauth2/authorize?"
        + authorizeQuery(ids[0], redirect), null, null))));
    s.add(new Step("POST /oauth2/authorize", () -> {
      Api.Reply r = api.send("POST", "/oauth2/authorize", null, form, authorizeQuery(ids[0], redirect)
          + "&username=admin&password=" + java.net.URLEncoder.encode(server.adminPassword(),
          java.nio.charset.StandardCharsets.UTF_8) + "&decision=allow", Map.of());
      String location = r.header("Location");
      ids[2] = location == null ? "" : location.replaceAll(".*[?&]code=([^&]+).*", "$1");
      return new Exchange(null, r);
    }));
    s.add(new Step("POST /oauth2/token", () -> {
      Api.Reply r = api.send("POST", "/oauth2/token", null, form, "grant_type=authorization_code&code=" + ids[2]
          + "&redirect_uri=" + java.net.URLEncoder.encode(redirect, java.nio.charset.StandardCharsets.UTF_8),
          Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((ids[0] + ":" + ids[1])
              .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
      ids[3] = r.json().path("access_token").asText();
      return new Exchange(null, r);
    }));
    s.add(new Step("GET /oauth2/userinfo", () -> new Exchange(null, api.send("GET", "/oauth2/userinfo", ids[3],
        null))));
    s.add(new Step("POST /oauth2/revoke", () -> new Exchange(null, api.send("POST", "/oauth2/revoke", null, form,
        "token=" + ids[3] + "&client_id=" + ids[0] + "&client_secret=" + ids[1], Map.of()))));
    s.add(new Step("DELETE /api/v1/oauth-clients/{id}", () -> mutation("DELETE", "/api/v1/oauth-clients/" + ids[0],
        null, null)));
  }

  private static String authorizeQuery(String clientId, String redirect) {
    return "response_type=code&client_id=" + clientId + "&redirect_uri="
        + java.net.URLEncoder.encode(redirect, java.nio.charset.StandardCharsets.UTF_8)
        + "&scope=openid%20vireo.read&state=conformance-state&nonce=n-1";
  }

  /** Alarm templates on the node, an alarm fired by a reported sample, its record (ADR 0036). */
  private void alarmSteps(List<Step> s) {
    String[] ids = new String[2];
    s.add(new Step("POST /api/v1/alarm-templates", () -> {
      Exchange x = mutation("POST", "/api/v1/alarm-templates", "{\"name\":\"conformance-alarms\","
          + "\"resourceType\":\"node\",\"description\":\"busy nodes\",\"rules\":[{\"metric\":"
          + "\"cpu_usage_percent\",\"comparator\":\">=\",\"threshold\":90,\"durationSeconds\":0,"
          + "\"severity\":\"CRITICAL\"}]}", null);
      ids[0] = x.reply().json().get("id").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/alarm-templates", () -> get("/api/v1/alarm-templates?offset=0&limit=10")));
    s.add(new Step("GET /api/v1/alarm-templates/{id}", () -> get("/api/v1/alarm-templates/" + ids[0])));
    s.add(new Step("PUT /api/v1/alarm-templates/{id}", () -> mutation("PUT", "/api/v1/alarm-templates/" + ids[0],
        "{\"name\":\"conformance-alarms\",\"rules\":[{\"metric\":\"cpu_usage_percent\",\"comparator\":\">\","
        + "\"threshold\":80,\"severity\":\"IMPORTANT\"}]}", null)));
    s.add(new Step("POST /api/v1/alarm-templates/{id}/bindings", () -> {
      Exchange x = mutation("POST", "/api/v1/alarm-templates/" + ids[0] + "/bindings", "{\"resourceIds\":[\""
          + nodeId + "\"]}", null);
      agent(dev.vireo.agent.protocol.AgentHttp.METRICS_PATH, new dev.vireo.agent.protocol.MetricsReport(nodeId,
          Instant.now(), List.of(new dev.vireo.agent.protocol.MetricSample("node", nodeId, "cpu_usage_percent", 99))));
      return x;
    }));
    s.add(new Step("GET /api/v1/alarms", () -> {
      Exchange x = get("/api/v1/alarms?state=FIRING,PENDING&severity=IMPORTANT&resourceType=node&resourceId=" + nodeId);
      ids[1] = x.reply().json().path("items").path(0).path("id").asText();
      return x;
    }));
    s.add(new Step("GET /api/v1/alarms/{id}", () -> get("/api/v1/alarms/" + ids[1])));
    s.add(new Step("DELETE /api/v1/alarm-templates/{id}/bindings/{resourceId}", () -> mutation("DELETE",
        "/api/v1/alarm-templates/" + ids[0] + "/bindings/" + nodeId, null, null)));
    s.add(new Step("DELETE /api/v1/alarm-templates/{id}", () -> mutation("DELETE", "/api/v1/alarm-templates/"
        + ids[0], null, null)));
  }

  private Exchange get(String path) throws Exception {
    return new Exchange(null, api.send("GET", path, token, null));
  }

  private Exchange send(String method, String path, String body) throws Exception {
    return new Exchange(body, api.send(method, path, null, body));
  }

  private Exchange send(String method, String path, String bearer, String body) throws Exception {
    return new Exchange(body, api.send(method, path, bearer, body));
  }

  /** A mutation, then its job to completion (so the next step sees the result). */
  private Exchange mutation(String method, String path, String body, String idempotencyKey) throws Exception {
    Map<String, String> headers = idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey);
    Api.Reply r = api.send(method, path, token, body == null ? null : "application/json", body, headers);
    if (r.status() == 202) {
      lastJobId = api.succeeded(token, r).get("id").asText();
    }
    return new Exchange(body, r);
  }

  private Exchange agent(String path, Object body) throws Exception {
    String json = PROTOCOL.writeValueAsString(body);
    return new Exchange(json, api.send("POST", path, server.joinToken(), json));
  }

  private static void needsQemuImg() {
    assumeTrue(Fixtures.hasQemuImg(), "qemu-img is not installed: image import (and what needs an image) skipped");
  }

  private String needsImage() {
    needsQemuImg();
    assumeTrue(imageId != null, "no image was imported");
    return imageId;
  }

  private String needsVm() {
    needsImage();
    assumeTrue(vmId != null, "no VM was created");
    return vmId;
  }

  private int systemDiskGiB() throws Exception {
    return api.send("GET", vm(""), token, null).json().get("systemDiskGiB").asInt();
  }

  private String vm(String suffix) {
    return "/api/v1/vms/" + needsVm() + suffix;
  }
}
