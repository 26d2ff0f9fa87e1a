package dev.vireo.agent.secgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PortTableTest {
  @Test
  void portsAreMappedToTheirBridgeAndATapCountsOnceItHasAnOpenFlowPort() {
    String out = "{\"data\":[[\"b2\",65534],[\"vmcc\",[\"set\",[]]],[\"vmaa\",1],[\"vmbb\",2],[\"eth1\",3]],"
        + "\"headings\":[\"name\",\"ofport\"]}\n"
        + "{\"data\":[[\"b2\",[\"set\",[[\"uuid\",\"u-b2\"],[\"uuid\",\"u-bb\"],[\"uuid\",\"u-cc\"],[\"uuid\",\"u-e1\"]]]],"
        + "[\"b1\",[\"uuid\",\"u-aa\"]]],\"headings\":[\"name\",\"ports\"]}\n"
        + "{\"data\":[[[\"uuid\",\"u-bb\"],\"vmbb\"],[[\"uuid\",\"u-aa\"],\"vmaa\"],[[\"uuid\",\"u-cc\"],\"vmcc\"],"
        + "[[\"uuid\",\"u-b2\"],\"b2\"],[[\"uuid\",\"u-e1\"],\"eth1\"]],\"headings\":[\"_uuid\",\"name\"]}\n";
    OvsSwitch.Ports ports = PortTable.parse(out);
    assertEquals(Map.of("vmaa", "b1", "vmbb", "b2", "vmcc", "b2", "b2", "b2", "eth1", "b2"), ports.bridgeOf());
    assertEquals(Map.of("b2", 65534L, "vmaa", 1L, "vmbb", 2L, "eth1", 3L), ports.ofports());
    assertEquals("b1", ports.tapBridge("vmaa"));
    assertEquals(null, ports.tapBridge("vmcc"), "no OpenFlow port yet");
    assertEquals(null, ports.tapBridge("vmzz"));
  }
}
