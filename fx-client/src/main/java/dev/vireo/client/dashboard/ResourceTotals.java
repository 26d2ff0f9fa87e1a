package dev.vireo.client.dashboard;

import java.util.List;

/** How many resources of each kind there are, VMs and nodes also by state (states with none are left out). */
public record ResourceTotals(List<StateCount> vmsByState, List<StateCount> nodesByState, int vms, int nodes,
    int images, int networks, int disks) {
  public static final ResourceTotals NONE = new ResourceTotals(List.of(), List.of(), 0, 0, 0, 0, 0);

  public ResourceTotals {
    vmsByState = List.copyOf(vmsByState);
    nodesByState = List.copyOf(nodesByState);
  }
}
