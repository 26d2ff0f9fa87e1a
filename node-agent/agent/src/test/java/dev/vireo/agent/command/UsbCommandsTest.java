package dev.vireo.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.protocol.AttachUsbCommand;
import dev.vireo.agent.protocol.DetachUsbCommand;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.UsbDeviceDefinition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AttachUsb/DetachUsb (ADR 0027): live and persistent, idempotent by alias, absent domain done. */
class UsbCommandsTest {
  static final UsbDeviceDefinition STICK = new UsbDeviceDefinition("ua-usb-1", "PASSTHROUGH", "0781", "5581", 1, 5,
      null, null);
  static final UsbDeviceDefinition REDIR = new UsbDeviceDefinition("ua-usb-2", "REDIRECT", null, null, null, null,
      "192.0.2.10", 4000);
  @TempDir
  Path root;
  FakeHypervisor hypervisor;
  CommandExecutor executor;

  @BeforeEach
  void setUp() {
    hypervisor = new FakeHypervisor();
    executor = new CommandExecutor(hypervisor, new DiskTool(), root.resolve("storage"));
  }

  @Test
  void aRunningDomainGetsTheDeviceLiveAndPersistentOnceEvenWhenResent() throws Exception {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);
    executor.execute(new AttachUsbCommand("vm-1", STICK));
    executor.execute(new AttachUsbCommand("vm-1", STICK));
    assertEquals(1, hypervisor.liveDevices.get("vm-1").size());
    assertEquals(1, hypervisor.configDevices.get("vm-1").size());
    assertTrue(hypervisor.liveDevices.get("vm-1").get(0).contains("<vendor id='0x0781'/>"));

    executor.execute(new DetachUsbCommand("vm-1", STICK));
    executor.execute(new DetachUsbCommand("vm-1", STICK));
    assertEquals(List.of(), hypervisor.liveDevices.get("vm-1"));
    assertEquals(List.of(), hypervisor.configDevices.get("vm-1"));
  }

  @Test
  void aStoppedDomainGetsItInItsDefinitionOnly() throws Exception {
    hypervisor.domains.put("vm-2", DomainPowerState.SHUTOFF);
    executor.execute(new AttachUsbCommand("vm-2", REDIR));
    assertTrue(hypervisor.configDevices.get("vm-2").get(0).contains("<redirdev bus='usb' type='tcp'>"));
    assertEquals(null, hypervisor.liveDevices.get("vm-2"));
  }

  @Test
  void anUndefinedDomainIsDoneAndABadDeviceIsRefused() throws Exception {
    executor.execute(new AttachUsbCommand("vm-absent", STICK));
    assertEquals(null, hypervisor.configDevices.get("vm-absent"));
    hypervisor.domains.put("vm-3", DomainPowerState.RUNNING);
    assertThrows(CommandFailedException.class, () -> executor.execute(new AttachUsbCommand("vm-3",
        new UsbDeviceDefinition("ua-x", "PASSTHROUGH", null, null, null, null, null, null))));
  }
}
