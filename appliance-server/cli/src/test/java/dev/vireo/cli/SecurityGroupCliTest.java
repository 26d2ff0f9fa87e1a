package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code vireo security-group|port-group|ip-group} changes are jobs (202; --no-wait prints the job,
 * --idempotency-key is sent on create), {@code vireo vm set-security-groups} sets a NIC's groups in
 * order and {@code security-group test --vm} tests a NIC.
 */
class SecurityGroupCliTest extends LoggedInCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String accepted(String type, String id) {
    return "{\"jobId\":\"job-1\",\"resourceType\":\"" + type + "\",\"resourceId\":\"" + id + "\"}";
  }

  @Test
  void groupChangesAreJobsAndCreatesSendTheIdempotencyKey() throws Exception {
    api.on("POST", "/api/v1/security-groups", 202, accepted("security-group", "sg-1"));
    Path rules = dir.resolve("rules.json");
    Files.writeString(rules, "[{\"direction\":\"ingress\",\"protocol\":\"ssh\",\"address\":\"10.0.0.0/8\",\"action\":\"accept\"}]");
    CliRun r = CliRun.run(profile, "security-group", "create", "--name", "web", "--rules-file", rules.toString(),
        "--idempotency-key", "k-1", "--no-wait");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("job-1"), r.stdout());
    var sent = api.requests("POST", "/api/v1/security-groups").get(0);
    assertEquals("ssh", JSON.readTree(sent.body()).get("rules").get(0).get("protocol").asText());
    assertEquals("k-1", sent.header("Idempotency-Key"));

    api.on("PUT", "/api/v1/port-groups/db", 202, accepted("port-group", "pg-1"));
    r = CliRun.run(profile, "port-group", "replace", "db", "--name", "db", "--entry", "TCP:5432,5433", "--no-wait");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("TCP:5432,5433", JSON.readTree(api.requests("PUT", "/api/v1/port-groups/db").get(0).body())
        .get("entries").get(0).asText());

    api.on("DELETE", "/api/v1/ip-groups/office", 202, accepted("ip-group", "ipg-1"));
    r = CliRun.run(profile, "ip-group", "delete", "office", "--no-wait");
    assertEquals(0, r.exitCode(), r.stderr());
  }

  @Test
  void vmSetSecurityGroupsPutsTheNicsGroupsInOrderAndNoneEmptiesThem() throws Exception {
    api.on("PUT", "/api/v1/vms/web-1/nics/1/security-groups", 202, accepted("vm", "vm-1"));
    CliRun r = CliRun.run(profile, "vm", "set-security-groups", "web-1", "--nic", "1", "--group", "web",
        "--group", "ssh", "--no-wait");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode body = JSON.readTree(api.requests("PUT", "/api/v1/vms/web-1/nics/1/security-groups").get(0).body());
    assertEquals("[\"web\",\"ssh\"]", body.get("securityGroups").toString());

    api.on("PUT", "/api/v1/vms/web-1/nics/0/security-groups", 202, accepted("vm", "vm-1"));
    r = CliRun.run(profile, "vm", "set-security-groups", "web-1", "--none", "--no-wait");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("[]", JSON.readTree(api.requests("PUT", "/api/v1/vms/web-1/nics/0/security-groups").get(0).body())
        .get("securityGroups").toString());

    r = CliRun.run(profile, "vm", "set-security-groups", "web-1", "--no-wait");
    assertNotEquals(0, r.exitCode(), "neither --group nor --none");
  }

  @Test
  void securityGroupTestByVmSendsVmIdAndNicIndex() throws Exception {
    api.on("POST", "/api/v1/security-groups/test", 200,
        "{\"allowed\":true,\"decidedBy\":\"web#0\",\"order\":[\"web#0\"]}");
    CliRun r = CliRun.run(profile, "security-group", "test", "--vm", "web-1", "--nic", "0", "--direction", "ingress",
        "--protocol", "tcp", "--source", "10.0.0.1", "--port", "22");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("allowed by web#0"), r.stdout());
    JsonNode body = JSON.readTree(api.requests("POST", "/api/v1/security-groups/test").get(0).body());
    assertEquals("web-1", body.get("vmId").asText());
    assertEquals(0, body.get("nicIndex").asInt());
    assertTrue(body.path("securityGroups").isMissingNode() || body.get("securityGroups").isNull(), body.toString());
  }
}
