package dev.vireo.server.vm;

import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;

/**
 * A VM row with what only the server sees: the VNC password, the VM's own DNS servers (empty: its
 * network's) and the hash of its initial password (null: none).
 */
public record VmRecord(Vm vm, String vncPassword, java.util.List<String> dnsServers, String passwordHash) {
  public VmRecord(Vm vm, String vncPassword) {
    this(vm, vncPassword, java.util.List.of(), null);
  }

  public String id() {
    return vm.id();
  }

  public String nodeId() {
    return vm.nodeId();
  }

  public VmState state() {
    return vm.state();
  }

  public BootMode bootMode() {
    return vm.bootMode();
  }
}
