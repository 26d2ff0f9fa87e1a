package dev.vireo.server.secgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.server.http.ApiException;
import dev.vireo.server.secgroup.SecurityRules.IpGroup;
import dev.vireo.server.secgroup.SecurityRules.PortGroup;
import dev.vireo.server.secgroup.SecurityRules.Protocol;
import dev.vireo.server.secgroup.SecurityRules.Rule;
import dev.vireo.server.secgroup.SecurityRules.RuleSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SecurityRulesTest {
  static final Map<String, PortGroup> PORT_GROUPS = Map.of("web", new PortGroup("web", "web",
      List.of("TCP:80,443,3306-10000", "UDP:53,1000")));
  static final Map<String, IpGroup> IP_GROUPS = Map.of("office", new IpGroup("office", "office",
      List.of("10.0.0.1", "10.0.1.0/24", "10.0.2.10-10.0.2.20", "FF05::B5")));

  static RuleSpec spec(String dir, String proto, String ports, String addr, String action, String prio) {
    return new RuleSpec(dir, proto, ports, null, addr, null, action, prio, null);
  }

  static Rule rule(int index, RuleSpec s) {
    return SecurityRules.check("g#" + index, 0, index, "rules[" + index + "]", s, PORT_GROUPS, IP_GROUPS);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "invalid CIDR         | ingress | tcp    | 22        | -       | -      | 10.0.0.1/24   | rules[0].address",
      "invalid CIDR prefix  | ingress | tcp    | 22        | -       | -      | 10.0.0.0/33   | rules[0].address",
      "not an address       | ingress | tcp    | 22        | -       | -      | example.com   | rules[0].address",
      "port 0               | ingress | tcp    | 0         | -       | -      | 0.0.0.0/0     | rules[0].ports",
      "port 70000           | ingress | udp    | 70000     | -       | -      | 0.0.0.0/0     | rules[0].ports",
      "ports on ICMP        | ingress | icmpv4 | 8         | -       | -      | 0.0.0.0/0     | rules[0].ports",
      "ports on GRE         | ingress | gre    | 1         | -       | -      | 0.0.0.0/0     | rules[0].ports",
      "ports on ALL         | ingress | all    | 1-2       | -       | -      | 0.0.0.0/0     | rules[0].ports",
      "ports on a shortcut  | ingress | ssh    | 2222      | -       | -      | 0.0.0.0/0     | rules[0].ports",
      "range reversed       | ingress | tcp    | 100-90    | -       | -      | 0.0.0.0/0     | rules[0].ports",
      "ports not numbers    | ingress | tcp    | 80,http   | -       | -      | 0.0.0.0/0     | rules[0].ports",
      "unknown protocol     | ingress | sctp   | -         | -       | -      | 0.0.0.0/0     | rules[0].protocol",
      "no protocol          | ingress | -      | -         | -       | -      | 0.0.0.0/0     | rules[0].protocol",
      "unknown port group   | ingress | -      | -         | nope    | -      | 0.0.0.0/0     | rules[0].portGroup",
      "port group + proto   | ingress | tcp    | -         | web     | -      | 0.0.0.0/0     | rules[0].portGroup",
      "unknown IP group     | ingress | tcp    | 22        | -       | nope   | -             | rules[0].ipGroup",
      "IP group + address   | ingress | tcp    | 22        | -       | office | 0.0.0.0/0     | rules[0].ipGroup",
      "no address           | ingress | tcp    | 22        | -       | -      | -             | rules[0].address",
      "ICMPv4 to IPv6       | ingress | icmpv4 | -         | -       | -      | ::/0          | rules[0].address",
      "ICMPv6 to IPv4       | egress  | icmpv6 | -         | -       | -      | 10.0.0.0/8    | rules[0].address",
      "unknown direction    | sideways| tcp    | 22        | -       | -      | 0.0.0.0/0     | rules[0].direction",
      "no direction         | -       | tcp    | 22        | -       | -      | 0.0.0.0/0     | rules[0].direction",
  })
  void badInputIs422NamingTheField(String name, String dir, String proto, String ports, String pg, String ig,
      String addr, String field) {
    RuleSpec s = new RuleSpec(dir, proto, ports, pg, addr, ig, "accept", "high", name);
    ApiException e = assertThrows(ApiException.class, () -> rule(0, s));
    assertEquals(422, e.status());
    assertEquals(field, e.field(), e.getMessage());
  }

  @Test
  void badActionAndPriorityNameTheirField() {
    assertEquals("rules[0].action", assertThrows(ApiException.class,
        () -> rule(0, spec("ingress", "tcp", "22", "0.0.0.0/0", "allow-ish", "high"))).field());
    assertEquals("rules[0].action", assertThrows(ApiException.class,
        () -> rule(0, spec("ingress", "tcp", "22", "0.0.0.0/0", null, "high"))).field());
    assertEquals("rules[0].priority", assertThrows(ApiException.class,
        () -> rule(0, spec("ingress", "tcp", "22", "0.0.0.0/0", "accept", "urgent"))).field());
  }

  @Test
  void badGroupEntriesNameTheEntry() {
    Map<String, PortGroup> pgs = Map.of("bad", new PortGroup("bad", "bad", List.of("TCP:80", "ICMP:1")));
    Map<String, IpGroup> igs = Map.of("bad", new IpGroup("bad", "bad", List.of("10.0.0.9-10.0.0.1")));
    ApiException a = assertThrows(ApiException.class, () -> SecurityRules.check("x", 0, 0, "rules[0]",
        new RuleSpec("ingress", null, null, "bad", "0.0.0.0/0", null, "accept", null, null), pgs, igs));
    assertEquals("rules[0].portGroup.entries[1]", a.field());
    ApiException b = assertThrows(ApiException.class, () -> SecurityRules.check("x", 0, 0, "rules[0]",
        new RuleSpec("ingress", "tcp", "22", null, null, "bad", "accept", null, null), pgs, igs));
    assertEquals("rules[0].ipGroup.entries[0]", b.field());
  }

  @Test
  void shortcutsExpandToProtocolAndPorts() {
    assertEquals("[ProtocolPorts[protocol=TCP, ports=[22]]]", rule(0, spec("ingress", "SSH", null, "0.0.0.0/0", "accept", null)).protocols().toString());
    assertEquals("[ProtocolPorts[protocol=TCP, ports=[20-21]]]", rule(0, spec("ingress", "ftp", null, "0.0.0.0/0", "accept", null)).protocols().toString());
    assertEquals("[ProtocolPorts[protocol=UDP, ports=[1194]]]", rule(0, spec("ingress", "OpenVPN", null, "0.0.0.0/0", "accept", null)).protocols().toString());
    assertEquals("[ProtocolPorts[protocol=TCP, ports=[1723]], ProtocolPorts[protocol=GRE, ports=[]]]",
        rule(0, spec("ingress", "pptp", null, "0.0.0.0/0", "accept", null)).protocols().toString());
    assertEquals(List.of(Protocol.TCP), rule(0, spec("ingress", "http", null, "0.0.0.0/0", "accept", null)).protocols().stream().map(p -> p.protocol()).toList());
    assertEquals("[ProtocolPorts[protocol=TCP, ports=[443]]]", rule(0, spec("ingress", "https", null, "0.0.0.0/0", "accept", null)).protocols().toString());
    assertEquals("[ProtocolPorts[protocol=TCP, ports=[3389]]]", rule(0, spec("ingress", "rdp", null, "0.0.0.0/0", "accept", null)).protocols().toString());
  }

  @Test
  void groupsExpand() {
    Rule r = rule(0, new RuleSpec("ingress", null, null, "web", null, "office", "accept", null, null));
    assertEquals("[ProtocolPorts[protocol=TCP, ports=[80, 443, 3306-10000]], ProtocolPorts[protocol=UDP, ports=[53, 1000]]]",
        r.protocols().toString());
    assertEquals("[10.0.0.1, 10.0.1.0-10.0.1.255, 10.0.2.10-10.0.2.20, ff05::b5]", r.addresses().toString());
    assertEquals(1 + 256 + 11 + 1, r.addressCount().intValue());
  }

  @Test
  void orderIsPriorityThenFewerAddressesThenFewerPortsThenDropThenWritten() {
    List<RuleSpec> specs = List.of(
        spec("ingress", "all", null, "0.0.0.0/0", "accept", "low"),          // 0
        spec("ingress", "tcp", "1-1000", "10.0.0.0/8", "accept", "medium"),   // 1
        spec("ingress", "tcp", "22", "10.0.0.0/8", "accept", "medium"),       // 2
        spec("ingress", "tcp", "22", "10.1.2.3", "accept", "medium"),         // 3
        spec("ingress", "tcp", "22", "10.0.0.0/8", "drop", "medium"),         // 4
        spec("ingress", "tcp", "22", "0.0.0.0/0", "drop", "high"),            // 5
        spec("ingress", "tcp", "22", "10.0.0.0/8", "accept", null));          // 6 (medium by default)
    List<Rule> ordered = SecurityRules.ordered(List.of(SecurityRules.check("g", 0, "rules", specs, PORT_GROUPS, IP_GROUPS)));
    assertEquals(List.of("g#5", "g#3", "g#4", "g#2", "g#6", "g#1", "g#0"), ordered.stream().map(Rule::label).toList());
  }

  @Test
  void anEmptyGroupHasNoRules() {
    assertTrue(SecurityRules.check("empty", 0, "rules", List.of(), PORT_GROUPS, IP_GROUPS).isEmpty());
  }
}
