package dev.vireo.agent.command;

import dev.vireo.agent.libvirt.HostDeviceXml;
import dev.vireo.agent.protocol.AgentReply;
import dev.vireo.agent.protocol.AttachUsbCommand;
import dev.vireo.agent.protocol.DetachUsbCommand;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.VmStateReply;

/**
 * USB passthrough and redirection of a VM (ADR 0027): the device element goes into the persistent
 * definition and, while the domain runs, into the guest. Idempotent by the device's alias: one
 * already in the definition (or the running guest) is not added again, an absent one not removed.
 */
final class UsbCommands {
  private final Hypervisor hypervisor;

  UsbCommands(Hypervisor hypervisor) {
    this.hypervisor = hypervisor;
  }

  AgentReply attach(AttachUsbCommand c) {
    String xml = xml(c.usb());
    DomainPowerState s = hypervisor.state(c.domainName());
    if (s == DomainPowerState.ABSENT) {
      return new VmStateReply(c.domainName(), s, null);
    }
    boolean live = s != DomainPowerState.SHUTOFF && s != DomainPowerState.CRASHED;
    boolean inConfig = has(c.domainName(), false, c.usb().alias());
    boolean inGuest = live && has(c.domainName(), true, c.usb().alias());
    if (live && !inGuest) {
      if (inConfig) {
        hypervisor.detachDevice(c.domainName(), xml, false);
      }
      hypervisor.attachDevice(c.domainName(), xml, true);
    } else if (!inConfig) {
      hypervisor.attachDevice(c.domainName(), xml, false);
    }
    return new VmStateReply(c.domainName(), hypervisor.state(c.domainName()), null);
  }

  AgentReply detach(DetachUsbCommand c) {
    String xml = xml(c.usb());
    DomainPowerState s = hypervisor.state(c.domainName());
    if (s == DomainPowerState.ABSENT) {
      return new VmStateReply(c.domainName(), s, null);
    }
    boolean live = s != DomainPowerState.SHUTOFF && s != DomainPowerState.CRASHED;
    if (live && has(c.domainName(), true, c.usb().alias())) {
      hypervisor.detachDevice(c.domainName(), xml, true);
    } else if (has(c.domainName(), false, c.usb().alias())) {
      hypervisor.detachDevice(c.domainName(), xml, false);
    }
    return new VmStateReply(c.domainName(), hypervisor.state(c.domainName()), null);
  }

  private boolean has(String domain, boolean live, String alias) {
    String xml = hypervisor.domainXml(domain, live);
    return xml != null && xml.contains("<alias name='" + alias + "'/>");
  }

  private static String xml(dev.vireo.agent.protocol.UsbDeviceDefinition u) {
    try {
      return HostDeviceXml.usb(u);
    } catch (IllegalArgumentException e) {
      throw new CommandFailedException("INVALID_COMMAND", e.getMessage());
    }
  }
}
