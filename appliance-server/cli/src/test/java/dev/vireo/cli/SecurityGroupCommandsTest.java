package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityGroupCommandsTest {
  @Test
  void portGroupEntriesCutAtCommasByArgsAreJoinedBackPerProtocol() {
    assertEquals(List.of("TCP:80,443,3306-10000", "UDP:53,1000"),
        SecurityGroupCommands.joinPorts(List.of("TCP:80", "443", "3306-10000", "UDP:53", "1000")));
    assertEquals(List.of("TCP:22"), SecurityGroupCommands.joinPorts(List.of("TCP:22")));
  }
}
