package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code vireo network create} and {@code vireo vm create --network ...} send what the options say. */
class NetworkCliTest extends LoggedInCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCEPTED = "{\"jobId\":\"job-1\",\"resourceType\":\"network\",\"resourceId\":\"net-1\"}";
  @Test
  void networkCreateSendsTheSubnetRangeDnsAndRoutes() throws Exception {
    api.on("POST", "/api/v1/networks", 202, ACCEPTED);
    CliRun r = CliRun.run(profile, "network", "create", "--name", "prod", "--uplink", "bond0", "--vlan", "100",
        "--subnet", "10.0.0.0/24", "--gateway", "10.0.0.1", "--range", "10.0.0.100-10.0.0.199", "--dns",
        "1.1.1.1,8.8.8.8", "--route", "10.9.0.0/16=10.0.0.254", "--dhcp", "--no-wait");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode body = JSON.readTree(api.requests("POST", "/api/v1/networks").get(0).body());
    assertEquals("bond0", body.get("uplink").asText());
    assertEquals(100, body.get("vlanId").asInt());
    assertEquals("10.0.0.100", body.get("ipv4RangeStart").asText());
    assertEquals("10.0.0.199", body.get("ipv4RangeEnd").asText());
    assertEquals("8.8.8.8", body.get("dnsServers").get(1).asText());
    assertEquals("10.0.0.254", body.get("routes").get(0).get("nextHop").asText());
    assertTrue(body.get("dhcp").asBoolean());
  }

  @Test
  void networkSetRoutesPatchesTheRoutesAndNoneRemovesThemAll() throws Exception {
    api.on("PATCH", "/api/v1/networks/prod", 202, ACCEPTED);
    CliRun r = CliRun.run(profile, "network", "set-routes", "prod", "--route", "10.77.0.0/16=10.0.0.1", "--route",
        "10.78.0.0/16=10.0.0.2", "--no-wait");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode body = JSON.readTree(api.requests("PATCH", "/api/v1/networks/prod").get(0).body());
    assertEquals("10.77.0.0/16", body.get("routes").get(0).get("destination").asText());
    assertEquals("10.0.0.2", body.get("routes").get(1).get("nextHop").asText());
    CliRun none = CliRun.run(profile, "network", "set-routes", "prod", "--no-wait");
    assertEquals(0, none.exitCode(), none.stderr());
    assertEquals(0, JSON.readTree(api.requests("PATCH", "/api/v1/networks/prod").get(1).body()).get("routes").size());
    CliRun bad = CliRun.run(profile, "network", "set-routes", "prod", "--route", "10.77.0.0/16");
    assertTrue(bad.exitCode() != 0 && bad.stderr().contains("DESTINATION_CIDR=NEXT_HOP"), bad.stderr());
  }

  @Test
  void vmCreateTakesNicsHostnameDnsAndThePasswordFromAFile() throws Exception {
    api.on("POST", "/api/v1/vms", 202, ACCEPTED.replace("network", "vm"));
    Path secret = Files.writeString(dir.resolve("pw"), "s3cret-pass\n");
    CliRun r = CliRun.run(profile, "vm", "create", "--name", "web", "--image", "alpine", "--spec", "1C1G",
        "--network", "prod:10.0.0.150", "--network", "backup", "--hostname", "web01", "--dns", "1.1.1.1",
        "--password-file", secret.toString(), "--no-wait");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode body = JSON.readTree(api.requests("POST", "/api/v1/vms").get(0).body());
    assertEquals("prod", body.at("/nics/0/network").asText());
    assertEquals("10.0.0.150", body.at("/nics/0/ipv4Address").asText());
    assertEquals("backup", body.at("/nics/1/network").asText());
    assertTrue(body.at("/nics/1/ipv4Address").isMissingNode() || body.at("/nics/1/ipv4Address").isNull());
    assertEquals("web01", body.get("hostname").asText());
    assertEquals("1.1.1.1", body.at("/dnsServers/0").asText());
    assertEquals("s3cret-pass", body.get("password").asText(), "the first line, without its newline");
  }
}
