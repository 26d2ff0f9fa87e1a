package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 4's bad input, through the HTTP API: overlapping ranges (networks on one segment, ports in a
 * rule or port group, IP-group entries), an invalid CIDR, port 0 or 70000, ports on ICMP, a MAC
 * already in use and hostnames breaking the Linux or Windows rules each get a 4xx whose field and
 * message say what is wrong and which rule it breaks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadNetworkAndRuleInputTest {
  @TempDir
  static Path dir;
  private TestServer server;
  private Api api;
  private String token;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
    api.succeeded(token, api.send("POST", "/api/v1/networks", token, NetworksTest.body("seg", 60, "10.60.0.0/24",
        "\"ipv6Subnet\":\"fd00:60::/64\"")));
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** The answer is {@code status} with an ApiError naming {@code field} and saying {@code rule}. */
  private static void assertRejected(Api.Reply r, int status, String field, String rule) {
    assertEquals(status, r.status(), r.toString());
    assertFalse(r.body().contains("Exception") || r.body().contains("at dev.vireo"), "leaks internals: " + r);
    JsonNode error = r.json();
    assertEquals(field, error.path("field").asText(), "field of " + r);
    assertTrue(error.path("message").asText().contains(rule), "message of " + r + " does not say '" + rule + "'");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "IPv4 subnet overlapping another on the segment | \"ipv4Subnet\":\"10.60.0.128/25\"                 | ipv4Subnet      | overlaps 10.60.0.0/24 of network seg",
      "IPv6 subnet overlapping another on the segment | \"ipv4Subnet\":\"10.61.0.0/24\",\"ipv6Subnet\":\"fd00:60::/80\" | ipv6Subnet | overlaps fd00:60::/64 of network seg",
      "IPAM range reversed                            | \"ipv4Subnet\":\"10.62.0.0/24\",\"ipv4RangeStart\":\"10.62.0.200\",\"ipv4RangeEnd\":\"10.62.0.100\" | ipv4RangeStart | is empty (start after end)",
      "IPAM range outside the subnet                  | \"ipv4Subnet\":\"10.63.0.0/24\",\"ipv4RangeEnd\":\"10.64.0.9\" | ipv4RangeEnd | is not a usable address of 10.63.0.0/24",
      "invalid CIDR (host bits)                       | \"ipv4Subnet\":\"10.65.0.1/24\"                   | ipv4Subnet      | 10.65.0.1/24",
  })
  void badNetworksAre422NamingTheFieldAndRule(String name, String fields, String field, String rule) throws Exception {
    assertRejected(api.send("POST", "/api/v1/networks", token, "{\"name\":\"bad\",\"uplink\":\"trunk0\",\"vlanId\":60,"
        + fields + "}"), 422, field, rule);
  }

  private static String rule(String protocol, String ports, String address) {
    return "{\"direction\":\"ingress\",\"protocol\":\"" + protocol + "\"" + (ports == null ? "" : ",\"ports\":\"" + ports
        + "\"") + ",\"address\":\"" + address + "\",\"action\":\"accept\"}";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "invalid CIDR       | tcp    | 22        | 10.0.0.1/24 | rules[0].address | CIDR with zero host bits",
      "port 0             | tcp    | 0         | 0.0.0.0/0   | rules[0].ports   | between 1 and 65535",
      "port 70000         | udp    | 70000     | 0.0.0.0/0   | rules[0].ports   | between 1 and 65535",
      "ports on ICMP      | icmpv4 | 8         | 0.0.0.0/0   | rules[0].ports   | ports exist only for tcp and udp",
      "overlapping ports  | tcp    | 80,70-90  | 0.0.0.0/0   | rules[0].ports   | ports 80 and 70-90 overlap",
  })
  void badRulesAre422NamingTheFieldAndRule(String name, String protocol, String ports, String address, String field,
      String rule) throws Exception {
    assertRejected(api.send("POST", "/api/v1/security-groups", token, "{\"name\":\"bad\",\"rules\":["
        + rule(protocol, ports, address) + "]}"), 422, field, rule);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "overlapping port-group entries | port-groups | TCP:80-90     | TCP:85       | overlaps the TCP ports of entries[0]",
      "port 0 in a port group         | port-groups | TCP:22        | UDP:0        | between 1 and 65535",
      "ports on ICMP in a port group  | port-groups | TCP:22        | ICMP:8       | must be TCP:ports or UDP:ports",
      "overlapping IP-group entries   | ip-groups   | 10.0.0.0/24   | 10.0.0.9     | overlaps entries[0] (10.0.0.0-10.0.0.255)",
      "invalid CIDR in an IP group    | ip-groups   | 10.0.0.1      | 10.0.1.1/24  | CIDR with zero host bits",
  })
  void badGroupEntriesAre422NamingTheEntryAndRule(String name, String kind, String first, String second, String rule)
      throws Exception {
    assertRejected(api.send("POST", "/api/v1/" + kind, token, "{\"name\":\"bad\",\"entries\":[\"" + first + "\",\""
        + second + "\"]}"), 422, "entries[1]", rule);
  }

  @Test
  void aMacInUseAndHostnamesBreakingTheOsRulesAreRefusedNamingTheField() throws Exception {
    assumeTrue(Fixtures.hasQemuImg(), "qemu-img is needed to import the test images");
    server.fakeAgent();
    String linux = Fixtures.importImage(server, token, dir, "linux-image");
    Api.Reply win = api.send("POST", "/api/v1/images", token, Fixtures.importBody("windows-image",
        Fixtures.smallQcow2(dir, "windows-image")).replace("}", ",\"osType\":\"WINDOWS\"}"));
    api.succeeded(token, win);
    String windows = win.json().get("resourceId").asText();
    api.succeeded(token, api.send("POST", "/api/v1/vms", token, vm("holder", linux,
        "\"nics\":[{\"network\":\"seg\",\"macAddress\":\"52:54:00:60:60:60\"}]")));

    assertRejected(api.send("POST", "/api/v1/vms", token, vm("taker", linux,
        "\"nics\":[{\"network\":\"seg\",\"macAddress\":\"52:54:00:60:60:60\"}]")), 409, "nics[0].macAddress",
        "52:54:00:60:60:60 is already used by another VM");
    String[][] cases = {
        {linux, "a".repeat(64), "must be 2-63 characters for a Linux guest"},
        {linux, "web..01", "not at the start or end nor two in a row (Linux)"},
        {linux, "web_01", "may hold letters, digits, '.' and '-'"},
        {linux, "2024", "must not be digits only"},
        {windows, "a".repeat(16), "must be 2-15 characters for a Windows guest"},
        {windows, "web.prod", "may hold letters, digits and '-'"},
        {windows, "web--01", "nor two in a row (Windows)"},
    };
    for (String[] c : cases) {
      assertRejected(api.send("POST", "/api/v1/vms", token, vm("named", c[0], "\"hostname\":\"" + c[1] + "\"")), 422,
          "hostname", c[2]);
    }
  }

  private static String vm(String name, String image, String extra) {
    return "{\"name\":\"" + name + "\",\"image\":\"" + image + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":1,"
        + "\"start\":false," + extra + "}";
  }
}
