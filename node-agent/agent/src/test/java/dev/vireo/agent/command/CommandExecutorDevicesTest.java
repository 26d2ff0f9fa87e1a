package dev.vireo.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.vireo.agent.devices.HostDevicesReader;
import dev.vireo.agent.protocol.AgentReply;
import dev.vireo.agent.protocol.HostDevicesReply;
import dev.vireo.agent.protocol.ListHostDevicesCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandExecutorDevicesTest {
  @TempDir
  Path dir;

  @Test
  void listHostDevicesAnswersWhatTheReaderSeesWithoutTouchingTheHypervisor() throws Exception {
    Path sys = dir.resolve("sys");
    Files.createDirectories(sys.resolve("class/net/eth1"));
    Files.writeString(sys.resolve("class/net/eth1/address"), "52:54:00:00:00:01\n");
    Files.writeString(sys.resolve("class/net/eth1/operstate"), "down\n");
    Instant now = Instant.parse("2026-11-25T10:00:00Z");
    FakeHypervisor hypervisor = new FakeHypervisor();
    CommandExecutor executor = new CommandExecutor(hypervisor, new DiskTool(), dir.resolve("storage"),
        FenceState.NEVER, new HostDevicesReader(sys, dir.resolve("proc"), Clock.fixed(now, ZoneOffset.UTC)));

    AgentReply reply = executor.execute(new ListHostDevicesCommand());

    HostDevicesReply devices = assertInstanceOf(HostDevicesReply.class, reply);
    assertEquals(now, devices.observedAt());
    assertEquals(List.of("eth1"), devices.networkInterfaces().stream().map(n -> n.name()).toList());
    assertEquals("down", devices.networkInterfaces().get(0).state());
    assertEquals(List.of(), hypervisor.calls);
  }
}
