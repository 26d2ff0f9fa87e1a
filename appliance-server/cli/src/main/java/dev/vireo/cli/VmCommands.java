package dev.vireo.cli;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CpuMode;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.ResizeVmRequest;
import dev.vireo.api.model.HaMode;
import dev.vireo.api.model.VmNic;
import dev.vireo.api.model.VmNicRequest;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.SerialLog;
import dev.vireo.api.model.UpdateVmRequest;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** {@code vireo vm ...}: changes wait for their job unless {@code --no-wait}, then show the VM. */
final class VmCommands {
  private final Session session;
  private final Output out;

  VmCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void run(String verb, List<String> tokens) {
    Set<String> noWait = Set.of("no-wait");
    switch (verb) {
      case "list" -> list(Args.parse(tokens, Set.of("state", "node"), Set.of()));
      case "show" -> show(client().getVm(Args.parse(tokens, Set.of(), Set.of()).target("VM id or name")));
      case "create" -> create(Args.parse(tokens, Set.of("name", "image", "spec", "cluster", "disk-gib",
          "description", "idempotency-key", "ha", "hostname", "password-file", "cpu-mode",
          "gpus" /* devices, ADR 0027 */, "boot-disk", "os-type", "boot-mode" /* ADR 0029 */),
          Set.of("no-start", "no-wait"),
          Set.of("group", "network", "dns")));
      case "ha" -> ha(Args.parse(tokens, Set.of("mode"), noWait));
      case "set-mac" -> setMac(Args.parse(tokens, Set.of("nic", "mac"), noWait));
      case "set-security-groups" -> setSecurityGroups(Args.parse(tokens, Set.of("nic"), Set.of("no-wait", "none"),
          Set.of("group")));
      case "start" -> power(Args.parse(tokens, Set.of(), noWait), c -> c::startVm);
      case "poweroff" -> power(Args.parse(tokens, Set.of(), noWait), c -> c::powerOffVm);
      case "reboot" -> power(Args.parse(tokens, Set.of(), noWait), c -> c::rebootVm);
      case "migrate" -> migrate(Args.parse(tokens, Set.of("node", "cluster"), noWait));
      case "stop" -> stop(Args.parse(tokens, Set.of("timeout"), Set.of("no-force", "no-wait")));
      case "delete" -> delete(Args.parse(tokens, Set.of(), Set.of("no-wait", "delete-disks")));
      case "rename" -> rename(Args.parse(tokens, Set.of("name", "description"), noWait));
      case "console-log" -> consoleLog(Args.parse(tokens, Set.of("max-bytes"), Set.of()));
      case "console" -> console(Args.parse(tokens, Set.of("vv"), Set.of("spice"))); // ADR 0030, 0031
      // vm operations: suspend to file, restore, resize, CPU mode
      case "suspend" -> power(Args.parse(tokens, Set.of(), noWait), c -> c::suspendVm);
      case "resume" -> power(Args.parse(tokens, Set.of(), noWait), c -> c::resumeVm);
      case "resize" -> resize(Args.parse(tokens, Set.of("spec", "cpu", "memory-gib"), noWait));
      case "cpu-mode" -> cpuMode(Args.parse(tokens, Set.of("mode"), noWait));
      // system disk growth (C4, ADR 0026)
      case "resize-disk" -> {
        Args args = Args.parse(tokens, Set.of("size-gib"), noWait);
        String vm = args.target("VM id or name");
        args.required("size-gib");
        finish(args, client().resizeSystemDisk(vm, args.integer("size-gib", 1, 2048)));
      }
      // system disk storage migration (ADR 0028)
      case "migrate-disk" -> {
        Args args = Args.parse(tokens, Set.of("storage"), noWait);
        String vm = args.target("VM id or name");
        args.required("storage");
        finish(args, client().migrateSystemDisk(vm, args.value("storage")));
      }
      // devices (ADR 0027): USB passthrough and redirection
      case "usb" -> usbList(Args.parse(tokens, Set.of(), Set.of()));
      case "usb-attach" -> usbAttach(Args.parse(tokens, Set.of("vendor", "product", "bus", "device", "redirect"),
          noWait));
      case "usb-detach" -> finishUsbDetach(Args.parse(tokens, Set.of("usb"), noWait));
      // images from VMs, reinstall, ISO eject (ADR 0029)
      case "make-image" -> makeImage(Args.parse(tokens, Set.of("name", "description"), noWait));
      case "reinstall" -> {
        Args args = Args.parse(tokens, Set.of("image", "password-file"), noWait);
        String vm = args.target("VM id or name");
        finish(args, client().reinstallVm(vm, args.required("image"), password(args)));
      }
      case "eject-iso" -> {
        Args args = Args.parse(tokens, Set.of(), noWait);
        finish(args, client().ejectCdrom(args.target("VM id or name")));
      }
      // system-disk snapshots (ADR 0025)
      case "snapshot" -> new SnapshotCommands(session, true).run(tokens);
      default -> throw new UsageException("unknown command 'vm " + verb + "'");
    }
  }

  private VireoClient client() {
    return session.client();
  }

  private void list(Args args) {
    args.noMorePositionalsThan(0);
    Page<Vm> page = client().listVms(args.choice("state", VmState.class), args.value("node"));
    out.result(page, () -> out.table(List.of("ID", "NAME", "STATE", "CPU", "MEMORY", "DISK", "NODE", "CREATED"),
        page.items().stream().map(v -> Table.row(v.id(), v.name(), Human.str(v.state()), String.valueOf(v.cpu()),
            Human.gib(v.memoryGiB()), Human.gib(v.systemDiskGiB()), v.nodeId(), Human.time(v.createdAt()))).toList()));
  }

  private void show(Vm v) {
    out.result(v, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("id", v.id());
      f.put("name", v.name());
      f.put("description", v.description());
      f.put("state", Human.str(v.state()) + (v.stateReason() == null ? "" : " (" + v.stateReason() + ")"));
      f.put("cpu", String.valueOf(v.cpu()));
      f.put("memory", Human.gib(v.memoryGiB()));
      f.put("system disk", Human.gib(v.systemDiskGiB()) + (v.systemStorageClusterId() == null ? ""
          : " on storage cluster " + v.systemStorageClusterId()));
      f.put("boot mode", Human.str(v.bootMode()));
      f.put("HA mode", Human.str(v.haMode()));
      f.put("CPU mode", Human.str(v.cpuMode()));
      f.put("max CPU (running)", v.maxCpu() == null ? null : String.valueOf(v.maxCpu()));
      f.put("image", v.imageId());
      f.put("OS type", Human.str(v.osType()));
      f.put("installation ISO", v.cdromImageId());
      f.put("spec", v.specId());
      f.put("cluster", v.clusterId());
      f.put("node", v.nodeId());
      f.put("hostname", v.hostname());
      for (int i = 0; v.nics() != null && i < v.nics().size(); i++) {
        VmNic n = v.nics().get(i);
        f.put("eth" + i, n.mac() + " on " + n.networkId() + " " + (n.ipv4Address() == null ? "" : n.ipv4Address())
            + (n.ipv6Address() == null ? "" : " " + n.ipv6Address())
            + (n.securityGroups() == null || n.securityGroups().isEmpty() ? ", unfiltered"
                : ", security groups " + String.join(", ", n.securityGroups())));
      }
      f.put("created", Human.time(v.createdAt()));
      f.put("updated", Human.time(v.updatedAt()));
      out.fields(f);
    });
  }

  private void create(Args args) {
    args.noMorePositionalsThan(0);
    String bootDisk = args.value("boot-disk");
    CreateVmRequest request = new CreateVmRequest(args.required("name"), args.value("description"),
        bootDisk == null ? args.required("image") : args.value("image"), args.required("spec"), args.value("cluster"),
        args.integer("disk-gib", 1, 65536),
        args.flag("no-start") ? Boolean.FALSE : null, groups(args), args.choice("ha", HaMode.class), nics(args),
        args.value("hostname"), args.values("dns").isEmpty() ? null : args.values("dns"), password(args),
        args.choice("cpu-mode", CpuMode.class),
        args.integer("gpus", 0, 4), // devices (ADR 0027): 1, 2 or 4; the server names the rule
        bootDisk, args.choice("os-type", dev.vireo.api.model.OsType.class),
        args.choice("boot-mode", dev.vireo.api.model.BootMode.class)); // boot from a disk (C5, ADR 0029)
    finish(args, client().createVm(request, args.value("idempotency-key")));
  }

  /**
   * {@code --network NET[:IPV4][@SG[+SG]...]}, repeatable, eth0 first; null when absent. The
   * security groups (ids or names, in evaluation order) are joined with '+': Args cuts at commas.
   */
  static List<VmNicRequest> nics(Args args) {
    List<VmNicRequest> nics = new java.util.ArrayList<>();
    for (String option : args.values("network")) {
      int at = option.indexOf('@');
      String n = at < 0 ? option : option.substring(0, at);
      List<String> groups = at < 0 ? null : List.of(option.substring(at + 1).split("\\+"));
      int colon = n.indexOf(':');
      nics.add(colon < 0 ? new VmNicRequest(n, null, null, groups)
          : new VmNicRequest(n.substring(0, colon), n.substring(colon + 1), null, groups));
    }
    return nics.isEmpty() ? null : nics;
  }

  /** The first line of {@code --password-file} (never a command-line argument: it would show in ps). */
  private static String password(Args args) {
    String file = args.value("password-file");
    if (file == null) {
      return null;
    }
    try {
      String text = java.nio.file.Files.readString(java.nio.file.Path.of(file));
      return text.lines().findFirst().orElse("");
    } catch (java.io.IOException e) {
      throw new UsageException("cannot read --password-file " + file + ": " + e.getMessage());
    }
  }

  /** {@code --group ID}, repeatable or a comma list; null when absent. */
  static List<String> groups(Args args) {
    List<String> groups = args.values("group");
    return groups.isEmpty() ? null : groups;
  }

  private void power(Args args, Function<VireoClient, Function<String, Accepted>> operation) {
    finish(args, operation.apply(client()).apply(args.target("VM id or name")));
  }

  private void stop(Args args) {
    Integer timeout = args.integer("timeout", 1, 3600);
    Boolean force = args.flag("no-force") ? Boolean.FALSE : null;
    finish(args, client().stopVm(args.target("VM id or name"), timeout, force));
  }

  /** Live within the cluster ({@code --node} or the scheduler), or offline to another cluster ({@code --cluster}). */
  private void migrate(Args args) {
    String vm = args.target("VM id or name");
    if (args.value("cluster") != null) {
      if (args.value("node") != null) {
        throw new UsageException("give --node (live migration) or --cluster (offline migration), not both");
      }
      finish(args, client().migrateVmOffline(vm, args.value("cluster")));
      return;
    }
    finish(args, client().migrateVm(vm, args.value("node")));
  }

  /** {@code vm set-mac <vm> [--nic N] --mac MAC}: a stopped VM's NIC gets a custom MAC. */
  private void setMac(Args args) {
    String vm = args.target("VM id or name");
    Integer nic = args.integer("nic", 0, 7);
    finish(args, client().setVmNicMac(vm, nic == null ? 0 : nic, args.required("mac")));
  }

  /** {@code vm set-security-groups <vm> [--nic N] (--group G... | --none)}: the NIC's groups in order. */
  private void setSecurityGroups(Args args) {
    String vm = args.target("VM id or name");
    Integer nic = args.integer("nic", 0, 7);
    List<String> groups = args.values("group");
    if (groups.isEmpty() != args.flag("none")) {
      throw new UsageException("give the NIC's groups in order with --group (repeatable), or --none to remove its"
          + " filtering");
    }
    finish(args, client().setVmNicSecurityGroups(vm, nic == null ? 0 : nic, groups));
  }

  /** {@code vm ha <vm> --mode never-stop|none}. */
  private void ha(Args args) {
    String vm = args.target("VM id or name");
    args.required("mode");
    finish(args, client().updateVm(vm, new UpdateVmRequest(null, null, args.choice("mode", HaMode.class))));
  }

  // --- vm operations: resize, CPU mode ---

  /** {@code vm resize <vm> --spec SPEC | --cpu N --memory-gib N}. */
  private void resize(Args args) {
    String vm = args.target("VM id or name");
    Integer cpu = args.integer("cpu", 1, 240);
    Integer memory = args.integer("memory-gib", 1, 1024);
    if (args.value("spec") == null && (cpu == null || memory == null)) {
      throw new UsageException("give --spec SPEC, or --cpu N and --memory-gib N");
    }
    finish(args, client().resizeVm(vm, new ResizeVmRequest(args.value("spec"), cpu, memory)));
  }

  // --- devices (ADR 0027) ---
  private void usbList(Args args) {
    var list = client().listVmUsbDevices(args.target("VM id or name"));
    out.result(list, () -> out.table(List.of("ID", "TYPE", "DEVICE", "CREATED"), list.stream().map(u -> Table.row(
        u.id(), Human.str(u.type()), u.type() == dev.vireo.api.model.UsbDeviceType.REDIRECT ? u.host() + ":" + u.port()
            : (u.vendorId() == null ? "" : u.vendorId() + ":" + u.productId() + " ")
                + (u.bus() == null ? "" : "bus " + u.bus() + " device " + u.device()),
        Human.time(u.createdAt()))).toList()));
  }

  /** {@code vm usb-attach <vm> (--vendor V --product P | --bus B --device D | --redirect HOST:PORT)}. */
  private void usbAttach(Args args) {
    String vm = args.target("VM id or name");
    String redirect = args.value("redirect");
    dev.vireo.api.model.AttachUsbRequest request;
    if (redirect != null) {
      int colon = redirect.lastIndexOf(':');
      if (colon < 1 || args.value("vendor") != null || args.value("bus") != null) {
        throw new UsageException("--redirect HOST:PORT alone, or --vendor/--product and/or --bus/--device");
      }
      Integer port;
      try {
        port = Integer.valueOf(redirect.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new UsageException("--redirect HOST:PORT: the port must be a number");
      }
      request = new dev.vireo.api.model.AttachUsbRequest(dev.vireo.api.model.UsbDeviceType.REDIRECT, null, null, null,
          null, redirect.substring(0, colon), port);
    } else {
      request = new dev.vireo.api.model.AttachUsbRequest(dev.vireo.api.model.UsbDeviceType.PASSTHROUGH,
          args.value("vendor"), args.value("product"), args.integer("bus", 1, 255), args.integer("device", 1, 127),
          null, null);
    }
    finish(args, client().attachVmUsbDevice(vm, request));
  }

  private void finishUsbDetach(Args args) {
    String vm = args.target("VM id or name");
    finish(args, client().detachVmUsbDevice(vm, args.required("usb")));
  }
  // --- end devices ---

  /** {@code vm cpu-mode <vm> --mode custom|host-passthrough}: while the VM is STOPPED. */
  private void cpuMode(Args args) {
    String vm = args.target("VM id or name");
    args.required("mode");
    finish(args, client().updateVm(vm, new UpdateVmRequest(null, null, null, args.choice("mode", CpuMode.class))));
  }

  private void rename(Args args) {
    String vm = args.target("VM id or name");
    finish(args, client().updateVm(vm, new UpdateVmRequest(args.required("name"), args.value("description"))));
  }

  private void delete(Args args) {
    Accepted accepted = args.flag("delete-disks") ? client().deleteVm(args.target("VM id or name"), true)
        : client().deleteVm(args.target("VM id or name"));
    if (args.flag("no-wait")) {
      session.accepted(accepted, "vm");
      return;
    }
    Job job = session.await(accepted, Session.DEFAULT_WAIT);
    out.result(job, () -> out.line("vm " + accepted.resourceId() + " deleted"));
  }

  /**
   * {@code vm console <vm> [--spice] [--vv FILE]}: a one-time ticket and how to use it; with
   * {@code --vv} a SPICE ticket written as a virt-viewer file for {@code remote-viewer FILE}.
   */
  private void console(Args args) {
    String vm = args.target("VM id or name");
    String vv = args.value("vv");
    if (vv != null && vv.isBlank()) {
      throw new UsageException("--vv needs a file name");
    }
    boolean spice = args.flag("spice") || vv != null;
    dev.vireo.api.model.ConsoleTicket t = client().createConsoleTicket(vm,
        spice ? dev.vireo.api.model.ConsoleProtocol.SPICE : dev.vireo.api.model.ConsoleProtocol.VNC);
    if (vv != null) {
      try {
        dev.vireo.api.console.VirtViewerFile.write(java.nio.file.Path.of(vv), t, vm);
      } catch (java.io.IOException | IllegalArgumentException e) {
        throw new CommandFailedException("cannot write " + vv + ": " + e.getMessage());
      }
    }
    out.result(t, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("VM", t.vmId());
      f.put("protocol", Human.str(t.protocol()));
      f.put(spice ? "SPICE proxy" : "gateway", t.host() + ":" + t.port()
          + (spice ? " (HTTP CONNECT, then TLS with the server's certificate)" : " (TLS, the server's certificate)"));
      f.put("ticket", t.ticket());
      f.put("password", t.password());
      f.put("valid until", Human.time(t.expiresAt()) + " if unused; once");
      out.fields(f);
      if (vv != null) {
        out.line("Wrote " + vv + " (readable by you only; the viewer deletes it): open it with 'remote-viewer "
            + vv + "' (Debian: apt install virt-viewer).");
      } else if (spice) {
        out.line("Write it as a virt-viewer file with --vv FILE and open that with remote-viewer.");
      } else {
        out.line("Open it in the Vireo desktop client, or send 'VIREO-CONSOLE " + t.vmId()
            + " <ticket>' over TLS to the gateway and speak VNC with the password.");
      }
    });
  }

  /** {@code vm make-image <vm> --name N}: waits for the copy, then shows the new image's id and size. */
  private void makeImage(Args args) {
    String vm = args.target("VM id or name");
    Accepted accepted = client().createImageFromVm(vm, args.required("name"), args.value("description"));
    if (args.flag("no-wait")) {
      session.accepted(accepted, "image");
      return;
    }
    Job job = session.await(accepted, Session.DEFAULT_WAIT);
    dev.vireo.api.model.Image image = client().getImage(accepted.resourceId());
    out.result(image, () -> out.line("image " + image.id() + " (" + image.name() + ") made from VM " + vm + ": "
        + Human.bytes(image.sizeBytes()) + " stored, " + Human.bytes(image.virtualSizeBytes()) + " virtual, job "
        + job.id()));
  }

  private void finish(Args args, Accepted accepted) {
    if (args.flag("no-wait")) {
      session.accepted(accepted, "vm");
      return;
    }
    session.await(accepted, Session.DEFAULT_WAIT);
    show(client().getVm(accepted.resourceId()));
  }

  private void consoleLog(Args args) {
    String vm = args.target("VM id or name");
    SerialLog log = client().serialLog(vm, args.integer("max-bytes", 1, 1 << 20));
    out.result(log, () -> out.text(log.text() == null ? "" : log.text()));
  }
}
