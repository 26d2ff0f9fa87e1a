package dev.vireo.server.vm;

import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;

/** A VM row with what only the server sees (the VNC password). */
public record VmRecord(Vm vm, String vncPassword) {
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
