package dev.vireo.server.vm;

import dev.vireo.api.model.CpuMode;
import dev.vireo.api.model.Node;
import java.util.Objects;

/**
 * White paper 4.2.17: a CUSTOM VM sees a named model every node of the cluster offers, so it
 * migrates live anywhere in its cluster; a HOST_PASSTHROUGH VM sees its node's own CPU, so it
 * migrates live only to a node that reports the same CPU (same architecture and CPU model name):
 * elsewhere the guest could be using instructions the destination lacks.
 */
public final class CpuModeRules {
  private CpuModeRules() {}

  /** Why {@code destination} cannot take the running VM live, or null when it can. */
  public static String liveMigrationRefusal(CpuMode mode, Node source, Node destination) {
    if (mode != CpuMode.HOST_PASSTHROUGH || source == null) {
      return null;
    }
    if (Objects.equals(source.arch(), destination.arch()) && source.cpuModel() != null
        && source.cpuModel().equals(destination.cpuModel())) {
      return null;
    }
    return "the VM's cpuMode is HOST_PASSTHROUGH: it migrates live only between nodes that report the same CPU;"
        + " node " + destination.id() + " reports '" + destination.cpuModel() + "' (" + destination.arch()
        + "), its node " + source.id() + " '" + source.cpuModel() + "' (" + source.arch()
        + "); stop it and start it elsewhere, or change its cpuMode to CUSTOM while it is stopped";
  }
}
