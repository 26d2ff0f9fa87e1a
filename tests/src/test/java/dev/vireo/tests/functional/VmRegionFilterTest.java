package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0047: a VM carries the region of its cluster ({@code regionId}), and {@code GET /api/v1/vms}
 * takes an optional {@code regionId} filter, applied in the query (so {@code total} counts only
 * that region) and within a REGION account's own regions.
 */
class VmRegionFilterTest {
  @TempDir
  static Path dir;
  static TestServer server;
  static Api api;
  static String token;
  static String defaultRegion;
  static String home;
  static String far;
  static FakeAgent farNode;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
    server.fakeAgent();
    server.addRegion("region-b", "region-b");
    defaultRegion = api.send("GET", "/api/v1/regions", token, null).json().at("/items/0/id").asText();
    Api.Reply cluster = api.send("POST", "/api/v1/clusters", token, "{\"name\":\"c-b\"}");
    api.succeeded(token, cluster);
    String clusterB = cluster.json().path("resourceId").asText();
    server.moveClusterToRegion(clusterB, "region-b");
    farNode = new FakeAgent(server.baseUrl(), server.joinToken(), "127.0.0.3").cluster("c-b").register();
    String image = Fixtures.importImage(server, token, dir, "region-image");
    home = vm(Fixtures.vmBody("home-vm", image));
    far = vm(Fixtures.vmBody("far-vm", image).replaceFirst("\\{", "{\"clusterId\":\"" + clusterB + "\","));
  }

  @AfterAll
  static void stop() throws Exception {
    if (farNode != null) {
      farNode.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static String vm(String body) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/vms", token, body);
    api.succeeded(token, r);
    return r.json().path("resourceId").asText();
  }

  private static List<String> listed(String query, String caller) throws Exception {
    Api.Reply r = api.send("GET", "/api/v1/vms" + query, caller, null);
    assertEquals(200, r.status(), r.toString());
    List<String> ids = new ArrayList<>();
    r.json().path("items").forEach(v -> ids.add(v.path("id").asText()));
    assertEquals(ids.size(), r.json().path("total").asInt(), "total counts the filtered VMs: " + r);
    return ids;
  }

  @Test
  void eachVmCarriesItsClustersRegion() throws Exception {
    assertEquals(defaultRegion, api.send("GET", "/api/v1/vms/" + home, token, null).json().path("regionId").asText());
    assertEquals("region-b", api.send("GET", "/api/v1/vms/" + far, token, null).json().path("regionId").asText());
    JsonNode all = api.send("GET", "/api/v1/vms", token, null).json();
    assertEquals(2, all.path("total").asInt(), all.toString());
    for (JsonNode v : all.path("items")) {
      assertEquals(v.path("id").asText().equals(far) ? "region-b" : defaultRegion, v.path("regionId").asText(),
          "the list carries the region too: " + v);
    }
  }

  @Test
  void theRegionFilterShowsOnlyThatRegionsVms() throws Exception {
    assertEquals(List.of(far), listed("?regionId=region-b", token));
    assertEquals(List.of(home), listed("?regionId=" + defaultRegion, token));
    assertEquals(List.of(), listed("?regionId=no-such-region", token));
    assertEquals(List.of(far), listed("?regionId=region-b&state=STOPPED", token), "combined with the state filter");
    assertEquals(List.of(far), listed("?regionId=region-b&offset=0&limit=1", token));
  }

  @Test
  void aRegionAccountFiltersWithinItsOwnRegions() throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/accounts", token, "{\"email\":\"b@example.com\",\"password\":"
        + "\"Region-pass1\",\"scope\":\"REGION\",\"regionIds\":[\"region-b\"],\"roleIds\":[\"region-admin\"],"
        + "\"mustChangePassword\":false}");
    assertEquals(201, r.status(), r.toString());
    String b = api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"b@example.com\",\"password\":"
        + "\"Region-pass1\"}").json().path("token").asText();
    assertEquals(List.of(far), listed("", b));
    assertEquals(List.of(far), listed("?regionId=region-b", b));
    assertEquals(List.of(), listed("?regionId=" + defaultRegion, b), "a region outside its own shows none");
  }
}
