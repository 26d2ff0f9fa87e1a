package dev.vireo.tests.support;

import java.util.List;

/** What libvirt really runs, asked independently of the product (the ground truth of a test). */
public final class Virsh {
  private static final String URI = "qemu:///system";

  private Virsh() {}

  /** Domain state as virsh prints it ("running", "shut off", ...) or "absent". */
  public static String domainState(String domain) {
    Commands.Result r = Commands.run(List.of("virsh", "-c", URI, "domstate", domain), 30);
    return r.exitCode() == 0 ? r.output().strip() : "absent";
  }

  /** The running domain's numeric id (changes whenever its QEMU process is restarted), or null. */
  public static String domainId(String domain) {
    Commands.Result r = Commands.run(List.of("virsh", "-c", URI, "domid", domain), 30);
    String id = r.output().strip();
    return r.exitCode() == 0 && id.matches("\\d+") ? id : null;
  }

  /** Hard power-off behind the product's back, like an operator with virsh would do. */
  public static void destroy(String domain) {
    Commands.check(List.of("virsh", "-c", URI, "destroy", domain), 30);
  }

  /** Names of all domains (running or not) whose name starts with {@code prefix}; read only. */
  public static List<String> domainNames(String prefix) {
    String out = Commands.check(List.of("virsh", "-c", URI, "list", "--all", "--name"), 30);
    return out.lines().map(String::strip).filter(n -> n.startsWith(prefix)).toList();
  }

  /** The domain's title (Vireo puts the VM name there), or "" when it has none or is gone. */
  public static String title(String domain) {
    Commands.Result r = Commands.run(List.of("virsh", "-c", URI, "desc", "--title", domain), 30);
    return r.exitCode() == 0 ? r.output().strip() : "";
  }

  public static boolean isDefined(String domain) {
    return !"absent".equals(domainState(domain));
  }

  /** Removes a domain a test made, whatever state it is in; used in cleanup, never fails. */
  public static void remove(String domain) {
    Commands.run(List.of("virsh", "-c", URI, "destroy", domain), 30);
    Commands.run(List.of("virsh", "-c", URI, "undefine", "--nvram", domain), 30);
    if (isDefined(domain)) {
      Commands.run(List.of("virsh", "-c", URI, "undefine", domain), 30);
    }
  }

  public static void requireLibvirt() {
    Commands.Result r = Commands.run(List.of("virsh", "-c", URI, "version"), 30);
    if (r.exitCode() != 0) {
      throw new IllegalStateException("libvirtd is not reachable at " + URI
          + " (bin/run-tests starts it through bin/lib/host-setup.sh): " + r.output());
    }
  }
}
