package dev.vireo.client.vms;

import dev.vireo.api.model.Vm;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One row of the VM table: the VM, its node's name, its addresses, and the lower-case text the
 * filter searches (name, id, state, node, addresses), computed once so filtering 10,000 rows is a
 * {@code contains} per row.
 */
public record VmRow(Vm vm, String stateText, String nodeName, String addresses, String searchText) {
  /** The row of {@code vm}; {@code nodeName} null when it is on no node. */
  public static VmRow of(Vm vm, String stateText, String nodeName) {
    String ips = vm.nics() == null ? "" : vm.nics().stream()
        .flatMap(n -> java.util.stream.Stream.of(n.ipv4Address(), n.ipv6Address()))
        .filter(Objects::nonNull).collect(Collectors.joining(", "));
    String node = nodeName == null ? "" : nodeName;
    String search = String.join("\u0001", String.valueOf(vm.name()), vm.id(), String.valueOf(vm.state()),
        stateText, node, vm.nodeId() == null ? "" : vm.nodeId(), ips).toLowerCase(Locale.ROOT);
    return new VmRow(vm, stateText, node, ips, search);
  }

  public String id() {
    return vm.id();
  }

  /** Whether every word of the lower-case {@code words} occurs in the row's text. */
  public boolean matches(String[] words) {
    for (String w : words) {
      if (!searchText.contains(w)) {
        return false;
      }
    }
    return true;
  }
}
