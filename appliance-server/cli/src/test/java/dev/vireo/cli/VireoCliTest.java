package dev.vireo.cli;

import dev.vireo.api.testing.FakeApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class VireoCliTest extends LoggedInCliTest {
  static final String VM = "{\"id\":\"vm-1\",\"name\":\"web\",\"state\":\"RUNNING\",\"cpu\":1,\"memoryGiB\":1,"
      + "\"systemDiskGiB\":40,\"nodeId\":\"node-1\",\"createdAt\":\"2026-01-02T03:04:05.123Z\"}";
  static final String ACCEPTED = "{\"jobId\":\"job-1\",\"resourceType\":\"vm\",\"resourceId\":\"vm-1\"}";

  static String job(String state, String error) {
    return "{\"id\":\"job-1\",\"type\":\"vm.create\",\"state\":\"" + state + "\",\"resourceType\":\"vm\","
        + "\"resourceId\":\"vm-1\",\"error\":" + (error == null ? "null" : "\"" + error + "\"") + ",\"steps\":[]}";
  }

  private CliRun vireo(String... args) {
    return CliRun.run(profile, args);
  }

  @Test
  void aMissingRequiredOptionIsAUsageErrorAndNothingIsSent() {
    CliRun r = vireo("vm", "create", "--image", "alpine", "--spec", "1C1G");
    assertEquals(2, r.exitCode());
    assertEquals("vireo: --name is required (see: vireo help)\n", r.stderr());
    assertEquals("", r.stdout());
    assertTrue(api.requests.isEmpty());
  }

  @Test
  void unknownCommandsOptionsAndMalformedNumbersAreUsageErrors() {
    assertEquals(2, vireo("frobnicate").exitCode());
    CliRun unknownOption = vireo("vm", "list", "--colour", "red");
    assertEquals(2, unknownOption.exitCode());
    assertEquals("vireo: unknown option --colour (see: vireo help)\n", unknownOption.stderr());
    CliRun badNumber = vireo("vm", "stop", "web", "--timeout=soon");
    assertEquals(2, badNumber.exitCode());
    assertTrue(badNumber.stderr().startsWith("vireo: --timeout must be a whole number from 1 to 3600"),
        badNumber.stderr());
    assertEquals(2, vireo("vm", "list", "--state", "sleeping").exitCode());
    assertEquals(2, vireo("--output", "yaml", "vm", "list").exitCode());
    assertTrue(api.requests.isEmpty());
  }

  @Test
  void outputJsonPrintsTheModelForScripts() throws Exception {
    api.on("GET", "/api/v1/vms", 200, "{\"items\":[" + VM + "],\"total\":1,\"offset\":0,\"limit\":1000}");
    CliRun r = vireo("vm", "list", "--output", "json");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode page = new ObjectMapper().readTree(r.stdout());
    assertEquals(1, page.get("total").asInt());
    assertEquals("web", page.get("items").get(0).get("name").asText());
    assertEquals("RUNNING", page.get("items").get(0).get("state").asText());
    assertEquals("2026-01-02T03:04:05.123Z", page.get("items").get(0).get("createdAt").asText());
  }

  @Test
  void tableOutputAlignsColumns() {
    api.on("GET", "/api/v1/vms", 200, "{\"items\":[" + VM + "],\"total\":1,\"offset\":0,\"limit\":1000}");
    CliRun r = vireo("vm", "list");
    List<String> lines = r.stdout().lines().toList();
    assertEquals(2, lines.size(), r.stdout());
    assertEquals(lines.get(0).indexOf("STATE"), lines.get(1).indexOf("RUNNING"));
    assertEquals(lines.get(0).indexOf("NODE"), lines.get(1).indexOf("node-1"));
    assertTrue(lines.get(1).contains("1 GiB"), lines.get(1));
  }

  @Test
  void aValidationErrorIsOneLineWithExitCode1() {
    api.on("POST", "/api/v1/vms", 422, "{\"code\":\"invalid\",\"field\":\"spec\","
        + "\"message\":\"spec: unknown spec 'XL' in cluster c1; available: 1C1G, 2C4G\"}");
    CliRun r = vireo("vm", "create", "--name", "web", "--image", "alpine", "--spec", "XL");
    assertEquals(1, r.exitCode());
    assertEquals("vireo: 422 invalid: spec: unknown spec 'XL' in cluster c1; available: 1C1G, 2C4G\n", r.stderr());
    assertEquals("", r.stdout());
  }

  @Test
  void anUnreachableServerExitsWith3() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    new Profile("https://127.0.0.1:" + port, api.fingerprint, "tok-1", "admin").save(profile);
    CliRun r = vireo("vm", "list");
    assertEquals(3, r.exitCode());
    assertEquals("vireo: cannot reach https://127.0.0.1:" + port + ": connection refused\n", r.stderr());
  }

  @Test
  void nodeLockWaitsForTheJobThenShowsTheNodeLocked() {
    String node = "{\"id\":\"node-1\",\"clusterId\":\"c-1\",\"hostname\":\"n1\",\"agentUrl\":\"http://n1:7070\","
        + "\"state\":\"CONNECTED\",\"arch\":\"x86_64\",\"cpuModel\":\"EPYC\",\"cpus\":2,\"sockets\":1,"
        + "\"coresPerSocket\":2,\"threadsPerCore\":1,\"memoryBytes\":1073741824,\"serial\":\"s\","
        + "\"domainType\":\"qemu\",\"libvirtVersion\":\"9.0.0\",\"vmCount\":0,\"lastHeartbeatAt\":null,"
        + "\"createdAt\":\"2026-11-25T00:00:00Z\",\"locked\":true}";
    api.on("POST", "/api/v1/nodes/node-1/lock", 202, ACCEPTED.replace("vm-1", "node-1").replace("\"vm\"", "\"node\""))
        .on("GET", "/api/v1/jobs/job-1", 200, job("SUCCEEDED", null))
        .on("GET", "/api/v1/nodes/node-1", 200, node);
    CliRun r = vireo("node", "lock", "node-1");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(1, api.requests("POST", "/api/v1/nodes/node-1/lock").size());
    assertTrue(r.stdout().matches("(?s).*locked:\\s+yes.*"), r.stdout());
  }

  @Test
  void nodeMaintenanceEnterPostsAndExitDeletesThenShowsTheSchedulingStatus() {
    String node = "{\"id\":\"node-1\",\"clusterId\":\"c-1\",\"hostname\":\"n1\",\"agentUrl\":\"http://n1:7070\","
        + "\"state\":\"CONNECTED\",\"arch\":\"x86_64\",\"cpuModel\":\"EPYC\",\"cpus\":2,\"sockets\":1,"
        + "\"coresPerSocket\":2,\"threadsPerCore\":1,\"memoryBytes\":1073741824,\"serial\":\"s\","
        + "\"domainType\":\"qemu\",\"libvirtVersion\":\"9.0.0\",\"vmCount\":0,\"lastHeartbeatAt\":null,"
        + "\"createdAt\":\"2026-11-25T00:00:00Z\",\"locked\":true,\"schedulingStatus\":\"MAINTENANCE\"}";
    String accepted = ACCEPTED.replace("vm-1", "node-1").replace("\"vm\"", "\"node\"");
    api.on("POST", "/api/v1/nodes/node-1/maintenance", 202, accepted)
        .on("DELETE", "/api/v1/nodes/node-1/maintenance", 202, accepted)
        .on("GET", "/api/v1/jobs/job-1", 200, job("SUCCEEDED", null))
        .on("GET", "/api/v1/nodes/node-1", 200, node);
    CliRun enter = vireo("node", "maintenance", "enter", "node-1");
    assertEquals(0, enter.exitCode(), enter.stderr());
    assertEquals(1, api.requests("POST", "/api/v1/nodes/node-1/maintenance").size());
    assertTrue(enter.stdout().matches("(?s).*scheduling:\\s+MAINTENANCE.*"), enter.stdout());
    CliRun exit = vireo("node", "maintenance", "exit", "node-1", "--no-wait");
    assertEquals(0, exit.exitCode(), exit.stderr());
    assertEquals(1, api.requests("DELETE", "/api/v1/nodes/node-1/maintenance").size());
    CliRun wrong = vireo("node", "maintenance", "begin", "node-1");
    assertEquals(2, wrong.exitCode());
    assertTrue(wrong.stderr().contains("enter|exit"), wrong.stderr());
  }

  @Test
  void vmCreateWaitsForTheJobThenShowsTheVm() {
    api.on("POST", "/api/v1/vms", 202, ACCEPTED)
        .on("GET", "/api/v1/jobs/job-1", 200, job("RUNNING", null))
        .on("GET", "/api/v1/jobs/job-1", 200, job("SUCCEEDED", null))
        .on("GET", "/api/v1/vms/vm-1", 200, VM);
    CliRun r = vireo("vm", "create", "--name=web", "--image", "alpine", "--spec", "1C1G", "--disk-gib", "20",
        "--no-start", "--idempotency-key", "k1");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(2, api.requests("GET", "/api/v1/jobs/job-1").size());
    assertTrue(r.stdout().matches("(?s).*state:\\s+RUNNING.*"), r.stdout());
    FakeApi.Recorded post = api.requests("POST", "/api/v1/vms").get(0);
    assertEquals("{\"name\":\"web\",\"image\":\"alpine\",\"spec\":\"1C1G\",\"systemDiskGiB\":20,\"start\":false}",
        post.body());
    assertEquals("k1", post.header("Idempotency-Key"));
    assertEquals("Bearer tok-1", post.header("Authorization"));
  }

  @Test
  void vmCreateTakesGroupsRepeatedOrAsACommaList() {
    api.on("POST", "/api/v1/vms", 202, ACCEPTED)
        .on("GET", "/api/v1/jobs/job-1", 200, job("SUCCEEDED", null))
        .on("GET", "/api/v1/vms/vm-1", 200, VM);
    CliRun r = vireo("vm", "create", "--name=web", "--image", "alpine", "--spec", "1C1G", "--group", "group-a,group-b",
        "--group=group-c");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("{\"name\":\"web\",\"image\":\"alpine\",\"spec\":\"1C1G\","
        + "\"groupIds\":[\"group-a\",\"group-b\",\"group-c\"]}", api.requests("POST", "/api/v1/vms").get(0).body());
  }

  @Test
  void vmMigrateWithAClusterIsOfflineAndNeverTogetherWithANode() {
    api.on("POST", "/api/v1/vms/web/migrate", 202, ACCEPTED)
        .on("GET", "/api/v1/jobs/job-1", 200, job("SUCCEEDED", null))
        .on("GET", "/api/v1/vms/vm-1", 200, VM);
    CliRun r = vireo("vm", "migrate", "web", "--cluster", "c2");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("{\"clusterId\":\"c2\"}", api.requests("POST", "/api/v1/vms/web/migrate").get(0).body());
    CliRun both = vireo("vm", "migrate", "web", "--cluster", "c2", "--node", "node-1");
    assertEquals(2, both.exitCode(), both.stderr());
    assertTrue(both.stderr().contains("not both"), both.stderr());
    assertEquals(1, api.requests("POST", "/api/v1/vms/web/migrate").size(), "nothing sent for a usage error");
  }

  @Test
  void clusterCreateSendsNameArchAndOvercommit() {
    String cluster = "{\"id\":\"cluster-2\",\"regionId\":\"r-1\",\"name\":\"c2\",\"arch\":\"X86_64\","
        + "\"cpuOvercommitPercent\":200,\"createdAt\":\"2026-01-01T00:00:00Z\"}";
    api.on("POST", "/api/v1/clusters", 202, "{\"jobId\":\"job-1\",\"resourceType\":\"cluster\","
            + "\"resourceId\":\"cluster-2\"}")
        .on("GET", "/api/v1/jobs/job-1", 200, job("SUCCEEDED", null))
        .on("GET", "/api/v1/clusters/cluster-2", 200, cluster);
    CliRun r = vireo("cluster", "create", "--name", "c2", "--arch", "x86_64", "--overcommit", "200");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("{\"name\":\"c2\",\"arch\":\"X86_64\",\"cpuOvercommitPercent\":200}",
        api.requests("POST", "/api/v1/clusters").get(0).body());
    assertTrue(r.stdout().contains("c2"), r.stdout());
  }

  @Test
  void placementDryRunPrintsEveryNodesVerdict() {
    api.on("POST", "/api/v1/placements/dry-run", 200, "{\"clusterId\":\"c-1\",\"cpu\":1,\"memoryGiB\":2,"
        + "\"nodeId\":\"node-2\",\"reason\":\"accepted with the highest score 2.000 of 1 accepted node(s)\","
        + "\"nodes\":[{\"nodeId\":\"node-1\",\"accepted\":false,\"score\":null,\"filter\":\"vm-groups\","
        + "\"reason\":\"hard anti-affinity group 'web' already has 1 VM(s) here\"},"
        + "{\"nodeId\":\"node-2\",\"accepted\":true,\"score\":2.0,\"filter\":null,\"reason\":null}]}");
    CliRun r = vireo("placement", "dry-run", "--spec", "1C2G", "--group", "group-web");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("{\"spec\":\"1C2G\",\"groupIds\":[\"group-web\"]}",
        api.requests("POST", "/api/v1/placements/dry-run").get(0).body());
    assertTrue(r.stdout().startsWith("placed on node-2: accepted with the highest score"), r.stdout());
    assertTrue(r.stdout().matches("(?s).*node-1\\s+rejected\\s+-\\s+vm-groups\\s+hard anti-affinity group 'web'.*"),
        r.stdout());
    assertTrue(r.stdout().matches("(?s).*node-2 \\*\\s+accepted\\s+2\\.000.*"), r.stdout());
    assertEquals(2, vireo("placement", "dry-run").exitCode(), "a spec (or cpu and memory) is required");
  }

  @Test
  void groupCreateSendsTheRuleAndShowsTheGroup() {
    String group = "{\"id\":\"group-1\",\"name\":\"pin\",\"kind\":\"NODE\",\"relation\":\"ANTI_AFFINITY\","
        + "\"strictness\":\"SOFT\",\"nodeIds\":[\"node-1\",\"node-2\"],\"vmIds\":[],"
        + "\"createdAt\":\"2026-01-01T00:00:00Z\"}";
    api.on("POST", "/api/v1/groups", 202, "{\"jobId\":\"job-1\",\"resourceType\":\"group\",\"resourceId\":\"group-1\"}")
        .on("GET", "/api/v1/jobs/job-1", 200, job("SUCCEEDED", null))
        .on("GET", "/api/v1/groups/group-1", 200, group);
    CliRun r = vireo("group", "create", "--name", "pin", "--kind", "node", "--relation", "anti-affinity",
        "--strictness", "soft", "--node", "node-1", "--node", "node-2");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("{\"name\":\"pin\",\"kind\":\"NODE\",\"relation\":\"ANTI_AFFINITY\",\"strictness\":\"SOFT\","
        + "\"nodeIds\":[\"node-1\",\"node-2\"]}", api.requests("POST", "/api/v1/groups").get(0).body());
    assertTrue(r.stdout().matches("(?s).*nodes:\\s+node-1, node-2.*"), r.stdout());
    assertEquals(2, vireo("group", "create", "--name", "x", "--kind", "rack", "--relation", "affinity").exitCode());
  }

  @Test
  void aFailedJobFailsTheCommandWithTheJobsError() {
    api.on("POST", "/api/v1/vms", 202, ACCEPTED)
        .on("GET", "/api/v1/jobs/job-1", 200, job("FAILED", "no node has 1 free CPU"));
    CliRun r = vireo("vm", "create", "--name", "web", "--image", "alpine", "--spec", "1C1G");
    assertEquals(1, r.exitCode());
    assertEquals("vireo: job job-1 (vm.create) FAILED: no node has 1 free CPU\n", r.stderr());
  }

  @Test
  void noWaitPrintsTheJobToFollow() {
    api.on("POST", "/api/v1/vms/web/start", 202, ACCEPTED);
    CliRun r = vireo("vm", "start", "web", "--no-wait");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("vireo job wait job-1"), r.stdout());
    assertTrue(api.requests("GET", "/api/v1/jobs/job-1").isEmpty());
  }

  @Test
  void jobWaitExitsWith1WhenTheJobFailed() {
    api.on("GET", "/api/v1/jobs/job-1", 200, job("FAILED", "disk full"));
    CliRun r = vireo("job", "wait", "job-1", "--timeout", "5");
    assertEquals(1, r.exitCode());
    assertTrue(r.stdout().contains("FAILED"), r.stdout());
    assertEquals("vireo: job job-1 (vm.create) FAILED: disk full\n", r.stderr());
  }

  @Test
  void aRejectedTokenSaysToLogInAgain() {
    api.on("GET", "/api/v1/images", 401, "{\"code\":\"unauthorized\",\"message\":\"a valid bearer token is required\"}");
    CliRun r = vireo("image", "list");
    assertEquals(1, r.exitCode());
    assertEquals("vireo: 401 unauthorized: a valid bearer token is required; run: vireo login\n", r.stderr());
  }

  @Test
  void imageListShowsHumanSizes() {
    api.on("GET", "/api/v1/images", 200, "{\"items\":[{\"id\":\"img-1\",\"name\":\"alpine\",\"format\":\"QCOW2\","
        + "\"kind\":\"BASE\",\"state\":\"AVAILABLE\",\"sizeBytes\":15938355,\"virtualSizeBytes\":1073741824}],"
        + "\"total\":1,\"offset\":0,\"limit\":1000}");
    CliRun r = vireo("image", "list");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("15.2 MiB") && r.stdout().contains("1.0 GiB"), r.stdout());
  }

  @Test
  void helpPerResource() {
    CliRun r = vireo("vm", "--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.stdout().startsWith("vireo vm list"), r.stdout());
    assertTrue(api.requests.isEmpty());
  }
}
