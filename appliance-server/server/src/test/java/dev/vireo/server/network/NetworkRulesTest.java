package dev.vireo.server.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.api.model.CreateNetworkRequest;
import dev.vireo.api.model.Network;
import dev.vireo.api.model.NetworkRoute;
import dev.vireo.server.http.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkRulesTest {
  private static CreateNetworkRequest req(String subnet, String gateway, String start, String end, Integer vlan) {
    return new CreateNetworkRequest("net", null, "bond0", vlan, subnet, gateway, start, end, null, null, null, null,
        null, null, null);
  }

  private static String field(CreateNetworkRequest r) {
    ApiException e = assertThrows(ApiException.class, () -> NetworkRules.check("n1", "c1", r));
    assertEquals(422, e.status());
    return e.field();
  }

  @Test
  void defaultsTheRangeToTheUsableAddressesAfterTheGatewayAndTheDnsTo114() {
    Network n = NetworkRules.check("n1", "c1", req("10.0.0.0/24", "10.0.0.1", null, null, 10));
    assertEquals("10.0.0.2", n.ipv4RangeStart());
    assertEquals("10.0.0.254", n.ipv4RangeEnd());
    assertEquals(List.of("114.114.114.114"), n.dnsServers());
  }

  @Test
  void keepsAGivenRange() {
    Network n = NetworkRules.check("n1", "c1", req("10.0.0.0/24", "10.0.0.1", "10.0.0.100", "10.0.0.199", null));
    assertEquals("10.0.0.100", n.ipv4RangeStart());
    assertEquals("10.0.0.199", n.ipv4RangeEnd());
  }

  @Test
  void namesTheFieldOfEachBrokenRule() {
    assertEquals("ipv4Subnet", field(req("10.0.0.0/33", null, null, null, null)));
    assertEquals("ipv4Subnet", field(req("10.0.0.1/24", null, null, null, null)));
    assertEquals("ipv4Gateway", field(req("10.0.0.0/24", "10.0.1.1", null, null, null)));
    assertEquals("ipv4Gateway", field(req("10.0.0.0/24", "10.0.0.255", null, null, null)));
    assertEquals("ipv4RangeStart", field(req("10.0.0.0/24", null, "10.0.1.5", null, null)));
    assertEquals("ipv4RangeEnd", field(req("10.0.0.0/24", null, null, "10.0.0.255", null)));
    assertEquals("ipv4RangeStart", field(req("10.0.0.0/24", null, "10.0.0.90", "10.0.0.80", null)));
    assertEquals("vlanId", field(req("10.0.0.0/24", null, null, null, 0)));
    assertEquals("vlanId", field(req("10.0.0.0/24", null, null, null, 4095)));
    assertEquals("uplink", field(new CreateNetworkRequest("net", null, "a-very-long-uplink", null, "10.0.0.0/24",
        null, null, null, null, null, null, null, null, null, null)));
    assertEquals("dnsServers", field(new CreateNetworkRequest("net", null, "bond0", null, "10.0.0.0/24", null, null,
        null, null, null, null, null, List.of("1.1.1.1", "8.8.8.8", "9.9.9.9"), null, null)));
    assertEquals("routes.nextHop", field(new CreateNetworkRequest("net", null, "bond0", null, "10.0.0.0/24", null,
        null, null, null, null, null, null, null, null, List.of(new NetworkRoute("10.9.0.0/16", "10.1.0.1")))));
  }
}
