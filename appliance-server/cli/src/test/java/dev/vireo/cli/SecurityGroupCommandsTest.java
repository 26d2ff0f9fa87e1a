package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.api.model.VmNicRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecurityGroupCommandsTest {
  @Test
  void portGroupEntriesCutAtCommasByArgsAreJoinedBackPerProtocol() {
    assertEquals(List.of("TCP:80,443,3306-10000", "UDP:53,1000"),
        SecurityGroupCommands.joinPorts(List.of("TCP:80", "443", "3306-10000", "UDP:53", "1000")));
    assertEquals(List.of("TCP:22"), SecurityGroupCommands.joinPorts(List.of("TCP:22")));
  }

  @Test
  void aNetworkOptionCarriesTheNicsSecurityGroupsInOrder() {
    Args args = Args.parse(List.of("--network", "lan:10.0.0.5@web+ssh", "--network", "dmz@sg-1", "--network", "mgmt"),
        Set.of(), Set.of(), Set.of("network"));
    assertEquals(List.of(new VmNicRequest("lan", "10.0.0.5", null, List.of("web", "ssh")),
        new VmNicRequest("dmz", null, null, List.of("sg-1")), new VmNicRequest("mgmt", null, null, null)),
        VmCommands.nics(args));
  }
}
