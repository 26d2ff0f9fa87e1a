package dev.vireo.server.vm;

import dev.vireo.agent.protocol.ReadSerialLogCommand;
import dev.vireo.agent.protocol.SerialLogReply;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.CpuMode;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.ResizeVmRequest;
import dev.vireo.server.spec.SpecRules;
import dev.vireo.api.model.Image;
import dev.vireo.api.model.MigrateVmRequest;
import dev.vireo.api.model.HaMode;
import dev.vireo.api.model.ImageFormat;
import dev.vireo.api.model.ImageState;
import dev.vireo.api.model.SerialLog;
import dev.vireo.api.model.Spec;
import dev.vireo.api.model.StopVmRequest;
import dev.vireo.api.model.UpdateVmRequest;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;
import dev.vireo.server.cluster.ClusterStore;
import dev.vireo.server.config.SecretFiles;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.group.GroupStore;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.idempotency.IdempotencyKeys;
import dev.vireo.server.image.ImageStore;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.inventory.Names;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.NoOpJob;
import dev.vireo.server.job.Submission;
import dev.vireo.server.spec.SpecStore;
import java.time.Duration;
import java.time.Instant;
import dev.vireo.api.model.OsType;
import dev.vireo.server.network.GuestNames;
import dev.vireo.server.network.GuestPasswords;
import dev.vireo.server.network.Ipam;
import dev.vireo.server.secgroup.NicSecurityGroups;
import dev.vireo.server.network.NetworkRules;
import dev.vireo.server.network.PlannedNic;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The VM endpoints: validation happens here, synchronously; the work happens in jobs. */
public final class VmRoutes {
  static final int DEFAULT_SYSTEM_DISK_GIB = 40;
  static final int MAX_SYSTEM_DISK_GIB = 2048;
  /** The least system disk an ISO installs onto (the white paper's data-disk minimum). */
  static final int MIN_INSTALL_DISK_GIB = 10;

  private final VmStore vms;
  private final VmListCache listCache;
  private final ImageStore images;
  private final SpecStore specs;
  private final ClusterStore clusters;
  private final GroupStore groups;
  private final VmHost host;
  private final Submission submission;
  private final IdempotencyKeys idempotency;
  private final EventBus events;
  private final CreateVmJob createJob;
  private final DeleteVmJob deleteJob;
  private final UpdateVmJob updateJob;
  private final MigrateVmJob migrateJob;
  private final VmTransitions transitions;
  private final MigrateVmOfflineJob offlineJob;
  private final NoOpJob noOp;
  private final Ipam ipam;
  private final NicSecurityGroups nicGroups;
  private final Map<VmOperation, PowerVmJob> powerJobs = new EnumMap<>(VmOperation.class);
  private final ResizeVmJob resizeJob;
  private final VmPlacer placer;

  // --- devices (ADR 0027) ---
  private dev.vireo.server.device.GpuStore gpus;
  private dev.vireo.server.node.NodeStore gpuNodes;

  /** GPU passthrough: the store of node GPUs and VM GPU requests (without it, gpuCount above 0 is refused). */
  public VmRoutes useGpus(dev.vireo.server.device.GpuStore store, dev.vireo.server.node.NodeStore nodes) {
    this.gpus = store;
    this.gpuNodes = nodes;
    return this;
  }

  /** 409 when no node of the cluster has {@code count} free GPUs (ADR 0027). */
  private void requireFreeGpus(String clusterId, int count) {
    if (count == 0) {
      return;
    }
    if (gpus == null) {
      throw ApiException.invalid("gpuCount", "GPU passthrough is not enabled on this server");
    }
    var counts = gpus.countsByNode();
    int best = 0;
    for (var n : nodes().list()) {
      if (clusterId.equals(n.clusterId())) {
        best = Math.max(best, counts.getOrDefault(n.id(), new int[2])[1]);
      }
    }
    if (best < count) {
      throw new ApiException(409, "conflict", "gpuCount", "gpuCount: no node of cluster " + clusterId + " has "
          + count + " free GPU (the most free on one node: " + best + "; a node's GPUs are known once its devices"
          + " were listed, GET /api/v1/nodes/{id}/devices)");
    }
  }

  private dev.vireo.server.node.NodeStore nodes() {
    return gpuNodes;
  }
  // --- end devices ---

  public VmRoutes(VmStore vms, ImageStore images, SpecStore specs, ClusterStore clusters, GroupStore groups,
      VmHost host, Submission submission, IdempotencyKeys idempotency, EventBus events, CreateVmJob createJob,
      DeleteVmJob deleteJob, UpdateVmJob updateJob, MigrateVmJob migrateJob, MigrateVmOfflineJob offlineJob,
      VmPlacer placer, NoOpJob noOp, Ipam ipam, NicSecurityGroups nicGroups) {
    this.ipam = ipam;
    this.nicGroups = nicGroups;
    this.vms = vms;
    this.listCache = new VmListCache(vms);
    this.images = images;
    this.specs = specs;
    this.clusters = clusters;
    this.groups = groups;
    this.host = host;
    this.submission = submission;
    this.idempotency = idempotency;
    this.events = events;
    this.createJob = createJob;
    this.deleteJob = deleteJob;
    this.updateJob = updateJob;
    this.migrateJob = migrateJob;
    this.transitions = new VmTransitions(vms, submission, events, noOp);
    this.offlineJob = offlineJob;
    this.noOp = noOp;
    this.placer = placer;
    this.resizeJob = new ResizeVmJob(vms, host, events);
    for (VmOperation op : VmOperation.values()) {
      if (op != VmOperation.DELETE && op != VmOperation.MIGRATE && op != VmOperation.MIGRATE_OFFLINE) {
        powerJobs.put(op, new PowerVmJob(op, vms, host, placer, events));
      }
    }
  }

  public Iterable<JobType<?>> jobTypes() {
    java.util.List<JobType<?>> all = new java.util.ArrayList<>(powerJobs.values());
    all.add(createJob);
    all.add(deleteJob);
    all.add(updateJob);
    all.add(migrateJob);
    all.add(offlineJob);
    all.add(resizeJob);
    return all;
  }

  /**
   * The regions a VM list shows: the caller's (null: all), narrowed to the {@code regionId} query
   * when given (ADR 0047; a region outside the caller's shows none).
   */
  private static java.util.Set<String> regionsOf(Request r) {
    String wanted = r.query("regionId");
    if (wanted == null || wanted.isBlank()) {
      return r.regions();
    }
    return r.regions() == null || r.regions().contains(wanted.strip()) ? java.util.Set.of(wanted.strip())
        : java.util.Set.of();
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/vms", Access.USER, r -> r.regions() != null || r.query("regionId") != null
            ? Response.ok(vms.listed(state(r), r.query("nodeId"), regionsOf(r), r.queryInt("offset", 0, 0,
                Integer.MAX_VALUE), r.queryInt("limit", 100, 1, 1000)).page())
            : Response.okJson(listCache.page(state(r), r.query("nodeId"),
            r.queryInt("offset", 0, 0, Integer.MAX_VALUE), r.queryInt("limit", 100, 1, 1000))))
        .get("/api/v1/vms/{id}", Access.USER, r -> Response.ok(find(r).vm()))
        .post("/api/v1/vms", Access.USER, this::create)
        .patch("/api/v1/vms/{id}", Access.USER, this::update)
        .post("/api/v1/vms/{id}/start", Access.USER, r -> power(r, VmOperation.START))
        .post("/api/v1/vms/{id}/stop", Access.USER, r -> power(r, VmOperation.STOP))
        .post("/api/v1/vms/{id}/poweroff", Access.USER, r -> power(r, VmOperation.POWEROFF))
        .post("/api/v1/vms/{id}/reboot", Access.USER, r -> power(r, VmOperation.REBOOT))
        .post("/api/v1/vms/{id}/migrate", Access.USER, this::migrate)
        .delete("/api/v1/vms/{id}", Access.USER, this::delete)
        .get("/api/v1/vms/{id}/serial-log", Access.USER, this::serialLog);
    // vm operations: suspend to file, restore, resize (ADR 0024)
    router.post("/api/v1/vms/{id}/suspend", Access.USER, r -> power(r, VmOperation.SUSPEND))
        .post("/api/v1/vms/{id}/resume", Access.USER, r -> power(r, VmOperation.RESUME))
        .post("/api/v1/vms/{id}/resize", Access.USER, this::resize);
  }

  private static String state(Request r) {
    String s = r.query("state");
    if (s == null) {
      return null;
    }
    try {
      return VmState.valueOf(s.toUpperCase()).name();
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("state", "must be one of " + java.util.Arrays.toString(VmState.values()));
    }
  }

  private VmRecord find(Request r) {
    String id = r.path("id");
    return vms.resolve(id).orElseThrow(() -> ApiException.notFound("VM", id));
  }

  private Response create(Request r) {
    CreateVmRequest req = r.json(CreateVmRequest.class);
    String name = Names.require("name", req.name());
    Names.description(req.description());
    boolean fromDisk = req.bootDisk() != null && !req.bootDisk().isBlank();
    if (fromDisk && req.image() != null && !req.image().isBlank()) {
      throw ApiException.invalid("bootDisk", "give an image or a bootDisk (a disk holding an OS), not both");
    }
    if (!fromDisk && (req.image() == null || req.image().isBlank())) {
      throw ApiException.invalid("image", "is required (an image id or name), or bootDisk (a disk holding an OS)");
    }
    Image image = fromDisk ? null : images.resolve(req.image())
        .orElseThrow(() -> ApiException.invalid("image", "unknown image '" + req.image() + "'"));
    if (image != null && image.state() != ImageState.AVAILABLE) {
      throw ApiException.invalid("image", "image '" + image.name() + "' is " + image.state() + ", not AVAILABLE");
    }
    if (image != null && (req.osType() != null || req.bootMode() != null)) {
      throw ApiException.invalid(req.osType() != null ? "osType" : "bootMode", "comes from the image '"
          + image.name() + "'; give osType and bootMode only with bootDisk");
    }
    boolean iso = image != null && image.format() == ImageFormat.ISO; // ISO install (ADR 0029)
    Cluster cluster = req.clusterId() == null ? clusters.defaultCluster()
        : clusters.get(req.clusterId()).orElseThrow(() -> ApiException.invalid("clusterId",
            "unknown cluster '" + req.clusterId() + "'"));
    if (req.spec() == null || req.spec().isBlank()) {
      throw ApiException.invalid("spec", "is required (a spec id or a name like 2C4G)");
    }
    Spec spec = specs.resolve(req.spec(), cluster.id()).orElseThrow(() -> ApiException.invalid("spec",
        "unknown spec '" + req.spec() + "' in cluster " + cluster.name() + "; available: "
            + specs.list(cluster.id()).stream().map(Spec::name).distinct().collect(Collectors.joining(", "))));
    int minDisk = iso ? MIN_INSTALL_DISK_GIB : image == null ? 1
        : (int) Math.max(1, (image.virtualSizeBytes() + (1L << 30) - 1) >> 30);
    Integer wanted = req.systemDiskGiB();
    int disk = wanted == null ? Math.max(DEFAULT_SYSTEM_DISK_GIB, minDisk) : wanted;
    if (disk < minDisk || disk > MAX_SYSTEM_DISK_GIB) {
      throw ApiException.invalid("systemDiskGiB", "must be between " + minDisk + (iso ? " (an installation disk)"
          : image == null ? "" : " (the image's size)") + " and " + MAX_SYSTEM_DISK_GIB + " GiB (got " + disk + ")");
    }
    boolean start = req.start() == null || req.start();
    var joined = PlacementRoutes.resolveGroups(groups, req.groupIds(), cluster.regionId());
    List<PlannedNic> plan = ipam.plan(cluster.id(), req.nics());
    List<List<String>> securityGroups = new java.util.ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      securityGroups.add(nicGroups.resolve("nics[" + i + "].securityGroups", req.nics().get(i).securityGroups(),
          cluster.regionId()));
    }
    OsType os = image == null ? (req.osType() == null ? OsType.LINUX : req.osType())
        : image.osType() == null ? OsType.LINUX : image.osType();
    BootMode bootMode = image == null ? (req.bootMode() == null ? BootMode.BIOS : req.bootMode())
        : image.bootMode() == null ? BootMode.BIOS : image.bootMode();
    String vmId = Ids.next("vm");
    String hostname = req.hostname() == null ? GuestNames.derive(name, os, vmId.substring(vmId.length() - 6))
        : GuestNames.require(req.hostname(), os);
    List<String> dns = NetworkRules.dnsServers("dnsServers", req.dnsServers());
    String passwordHash = GuestPasswords.hash(req.password());
    CpuMode cpuMode = req.cpuMode() == null ? CpuMode.CUSTOM : req.cpuMode();
    int gpuCount = dev.vireo.server.device.GpuRules.check(req.gpuCount(), spec.cpu(), spec.memoryGiB());
    requireFreeGpus(cluster.id(), gpuCount);
    Accepted a = createRecord(r, () -> idempotency.create(r, h -> {
      String region = cluster.regionId();
      if (vms.nameTaken(h, region, name, null)) {
        throw ApiException.conflict("a VM named '" + name + "' already exists in this region");
      }
      Instant now = Instant.now();
      // boot from a disk (C5): the disk is reserved here, its volume becomes the system disk in the job
      BootDisks.Claimed boot = fromDisk ? host.bootDisks().claim(h, req.bootDisk().strip(), cluster.id(), vmId)
          : null;
      if (boot != null && wanted != null && wanted < boot.sizeGiB()) {
        throw ApiException.invalid("systemDiskGiB", "disk " + boot.diskId() + " has " + boot.sizeGiB()
            + " GiB; a system disk never shrinks (give at least " + boot.sizeGiB() + " or leave it out)");
      }
      int systemDisk = boot == null ? disk : Math.max(boot.sizeGiB(), wanted == null ? 0 : wanted);
      Vm vm = new Vm(vmId, name, req.description(), VmState.CREATING, null, cluster.id(), null,
          image == null ? null : image.id(), spec.id(), spec.cpu(), spec.memoryGiB(), systemDisk, bootMode,
          now, now, req.haMode() == null ? HaMode.NONE : req.haMode(), List.of(), null, cpuMode, null,
          boot == null ? null : boot.storageClusterId(), os, iso ? image.id() : null, region);
      vms.insert(h, vm, region, SecretFiles.randomPassword(8));
      vms.setGuest(h, vm.id(), hostname, dns, passwordHash);
      if (gpuCount > 0) {
        gpus.request(h, vm.id(), gpuCount); // devices (ADR 0027)
      }
      ipam.allocate(h, vm.id(), plan); // rolls the VM back too when an address or MAC is taken
      for (int i = 0; i < securityGroups.size(); i++) {
        NicSecurityGroups.set(h, vm.id(), i, securityGroups.get(i));
      }
      for (var g : joined) {
        if (!groups.addVm(h, g.id(), vm.id())) { // rolls the VM back too
          throw ApiException.invalid("groupIds", "group '" + g.id() + "' was deleted meanwhile");
        }
      }
      return submission.job(h, createJob, new CreateVmJob.Context(vm.id(), start, boot == null ? null : boot.diskId(),
          boot == null ? null : boot.volumePath()), "vm", vm.id());
    }));
    events.publish("vm", a.resourceId(), VmState.CREATING.name());
    return Response.accepted(a);
  }

  /**
   * Runs the create transaction again when it lost a race for an address or MAC to a concurrent
   * create (ADR 0016): the retry sees the winner's allocation and takes the next free one.
   */
  private static Accepted createRecord(Request r, java.util.function.Supplier<Accepted> create) {
    for (int attempt = 1; ; attempt++) {
      try {
        return create.get();
      } catch (org.jdbi.v3.core.JdbiException e) {
        if (!Ipam.lostRace(e) || attempt >= 50) {
          throw e;
        }
        Thread.onSpinWait();
      }
    }
  }

  private Response update(Request r) {
    VmRecord vm = find(r);
    UpdateVmRequest req = r.json(UpdateVmRequest.class);
    if (req.name() == null && req.description() == null && req.haMode() == null && req.cpuMode() == null) {
      throw ApiException.invalid("name", "give a new name, description, haMode and/or cpuMode");
    }
    if (req.cpuMode() != null && req.cpuMode() != vm.vm().cpuMode() && vm.state() != VmState.STOPPED) {
      throw new ApiException(409, "conflict", "cpuMode", "cpuMode: changes only while the VM is STOPPED (VM "
          + vm.id() + " is " + vm.state() + "); the new mode applies at its next start");
    }
    if (req.name() != null) {
      Names.require("name", req.name());
    }
    Names.description(req.description());
    if (vm.state() == VmState.DELETED || vm.state() == VmState.DELETING) {
      throw ApiException.conflict("VM " + vm.id() + " is " + vm.state());
    }
    return Response.accepted(submission.submit(h -> {
      if (req.name() != null && vms.nameTaken(h, regionOf(h, vm), req.name(), vm.id())) {
        throw ApiException.conflict("a VM named '" + req.name() + "' already exists in this region");
      }
      if (req.cpuMode() != null && req.cpuMode() != vm.vm().cpuMode() && VmStore.stateOf(h, vm.id()) != VmState.STOPPED) {
        throw new ApiException(409, "conflict", "cpuMode", "cpuMode: changes only while the VM is STOPPED");
      }
      return submission.job(h, updateJob, new UpdateVmJob.Context(vm.id(), req.name(), req.description(), req.haMode(),
          req.cpuMode()), "vm", vm.id());
    }));
  }

  private static String regionOf(org.jdbi.v3.core.Handle h, VmRecord vm) {
    return h.createQuery("SELECT region_id FROM vms WHERE id = :id").bind("id", vm.id()).mapTo(String.class).one();
  }

  private Response power(Request r, VmOperation requested) {
    VmRecord vm = find(r);
    // a start of a SUSPENDED VM restores it: a cold boot would throw its saved memory away
    VmOperation op = requested == VmOperation.START && vm.state() == VmState.SUSPENDED ? VmOperation.RESUME : requested;
    if (op == VmOperation.START && vm.state() == VmState.FAILED && vm.nodeId() == null) {
      // Only a create that failed before placement leaves a FAILED VM without a node: it has no disk.
      throw ApiException.conflict("VM " + vm.id() + " was never created (" + vm.vm().stateReason()
          + "); delete it and create it again");
    }
    int timeout = 120;
    boolean force = true;
    if (op == VmOperation.STOP && r.body().length > 0) {
      StopVmRequest req = r.json(StopVmRequest.class);
      if (req.timeoutSeconds() != null) {
        if (req.timeoutSeconds() < 1 || req.timeoutSeconds() > 3600) {
          throw ApiException.invalid("timeoutSeconds", "must be between 1 and 3600");
        }
        timeout = req.timeoutSeconds();
      }
      force = req.force() == null || req.force();
    }
    return Response.accepted(transition(vm, op, new PowerVmJob.Context(vm.id(), op, timeout, force), powerJobs.get(op)));
  }

  /**
   * Live migration: 409 unless the VM is RUNNING; 422 naming {@code nodeId} when the destination
   * is unknown, the VM's own node, in another cluster, locked, not connected or too full. With
   * {@code clusterId}: offline migration (see {@link MigrateVmOfflineJob#checkTarget}).
   */
  private Response migrate(Request r) {
    VmRecord vm = find(r);
    MigrateVmRequest req = r.body().length > 0 ? r.json(MigrateVmRequest.class) : new MigrateVmRequest(null, null);
    if (gpus != null) { // devices (ADR 0027): a passed-through GPU cannot move
      String refusal = dev.vireo.server.device.GpuRules.liveMigrationRefusal(vm.id(), gpus.requested(vm.id()));
      if (refusal != null) {
        throw new ApiException(409, "conflict", "gpuCount", refusal);
      }
    }
    if (host.usb() != null) { // devices (ADR 0027): a host USB device cannot move
      String refusal = dev.vireo.server.device.UsbRules.migrationRefusal(vm.id(), host.usb().ofVm(vm.id()));
      if (refusal != null) {
        throw new ApiException(409, "conflict", "usbDevices", refusal);
      }
    }
    if (req.clusterId() != null) {
      if (!host.dataDisks().definitions(vm.id()).isEmpty()) {
        throw ApiException.conflict("VM " + vm.id() + " has data disks on the storage of its cluster; detach them"
            + " before an offline migration to another cluster");
      }
      if (req.nodeId() != null) {
        throw ApiException.invalid("nodeId", "give nodeId (live migration within the cluster) or clusterId"
            + " (offline migration to another cluster), not both");
      }
      Cluster target = offlineJob.checkTarget(vm, req.clusterId().strip());
      return Response.accepted(transition(vm, VmOperation.MIGRATE_OFFLINE,
          new MigrateVmOfflineJob.Context(vm.id(), vm.vm().clusterId(), vm.nodeId(), target.id()), offlineJob));
    }
    String requested = req.nodeId() == null || req.nodeId().isBlank() ? null : req.nodeId();
    return Response.accepted(transitions.migrate(vm, requested, migrateJob));
  }

  // --- vm operations: resize (white paper 4.2.3, ADR 0024) ---

  /**
   * Resize to a spec of the VM's cluster (or the spec named by cpu + memoryGiB): 422 naming the
   * field for a value outside the cluster's specs, 409 naming it for a rule of {@link ResizeRules}
   * or a node without room; the same size gives a NO_OP job.
   */
  private Response resize(Request r) {
    VmRecord vm = find(r);
    if (r.body().length == 0) {
      throw ApiException.invalid("spec", "give a spec (id or name like 4C8G) or cpu and memoryGiB");
    }
    ResizeVmRequest req = r.json(ResizeVmRequest.class);
    if (vm.state() == VmState.DELETED || vm.state() == VmState.DELETING) {
      throw ApiException.conflict("VM " + vm.id() + " is " + vm.state());
    }
    Spec spec = resizeSpec(vm, req);
    int cpu = spec.cpu();
    int memory = spec.memoryGiB();
    ResizeRules.Kind kind = ResizeRules.check(vm.id(), vm.state(), vm.vm().cpu(), vm.vm().memoryGiB(), vm.vm().maxCpu(),
        cpu, memory);
    if (kind != ResizeRules.Kind.NONE && (cpu > vm.vm().cpu() || memory > vm.vm().memoryGiB())) {
      String[] refusal = placer.refuseResize(vm, cpu, memory);
      if (refusal != null) {
        throw new ApiException(409, "conflict", refusal[0], refusal[0] + ": " + refusal[1]);
      }
    }
    Accepted a = submission.submit(h -> {
      VmRecord now = vms.get(vm.id()).orElseThrow();
      ResizeRules.Kind k = ResizeRules.check(vm.id(), now.state(), now.vm().cpu(), now.vm().memoryGiB(),
          now.vm().maxCpu(), cpu, memory);
      if (k == ResizeRules.Kind.NONE) {
        return submission.job(h, noOp, new NoOpJob.Context(vm.id(), "VM is already " + cpu + " vCPU, " + memory
            + " GiB"), "vm", vm.id());
      }
      return submission.job(h, resizeJob, new ResizeVmJob.Context(vm.id(), spec.id(), cpu, memory, now.vm().specId(),
          now.vm().cpu(), now.vm().memoryGiB(), k == ResizeRules.Kind.HOT_CPU), "vm", vm.id());
    });
    return Response.accepted(a);
  }

  /** The target spec: by {@code spec}, or the cluster's spec of {@code cpu} + {@code memoryGiB}. */
  private Spec resizeSpec(VmRecord vm, ResizeVmRequest req) {
    String clusterId = vm.vm().clusterId();
    String available = specs.list(clusterId).stream().map(Spec::name).distinct().collect(Collectors.joining(", "));
    if (req.spec() != null && !req.spec().isBlank()) {
      if (req.cpu() != null || req.memoryGiB() != null) {
        throw ApiException.invalid("spec", "give a spec or cpu and memoryGiB, not both");
      }
      return specs.resolve(req.spec(), clusterId).orElseThrow(() -> ApiException.invalid("spec",
          "unknown spec '" + req.spec() + "' in the VM's cluster " + clusterId + "; available: " + available));
    }
    SpecRules.check(req.cpu(), req.memoryGiB());
    String name = SpecRules.name(req.cpu(), req.memoryGiB());
    // by values, not by name: a modified spec may have another name (white paper 6.5)
    return specs.byValues(req.cpu(), req.memoryGiB(), clusterId).orElseThrow(() -> {
      int maxCpu = specs.list(clusterId).stream().mapToInt(Spec::cpu).max().orElse(0);
      int maxMemory = specs.list(clusterId).stream().mapToInt(Spec::memoryGiB).max().orElse(0);
      String field = req.cpu() > maxCpu ? "cpu" : req.memoryGiB() > maxMemory ? "memoryGiB" : "cpu";
      String above = req.cpu() > maxCpu ? " (above the cluster maximum of " + maxCpu + " vCPU)"
          : req.memoryGiB() > maxMemory ? " (above the cluster maximum of " + maxMemory + " GiB)" : "";
      return ApiException.invalid(field, "cluster " + clusterId + " has no spec " + name + above
          + "; VMs are resized to one of the cluster's specs: " + available);
    });
  }


  /** {@code ?deleteDisks=true}: the VM's data disks are deleted with it; otherwise they are detached and stay. */
  private Response delete(Request r) {
    VmRecord vm = find(r);
    String deleteDisks = r.query("deleteDisks");
    if (deleteDisks != null && !deleteDisks.equals("true") && !deleteDisks.equals("false")) {
      throw ApiException.invalid("deleteDisks", "must be true or false (got '" + deleteDisks + "')");
    }
    return Response.accepted(transition(vm, VmOperation.DELETE,
        new DeleteVmJob.Context(vm.id(), vm.state(), "true".equals(deleteDisks)), deleteJob));
  }

  /** Starts a VM as {@code POST /vms/{id}/start} does (HA restarts a "never stop" VM this way). */
  public Accepted start(String vmId) {
    VmRecord vm = vms.get(vmId).orElseThrow(() -> ApiException.notFound("vm", vmId));
    return transition(vm, VmOperation.START, new PowerVmJob.Context(vm.id(), VmOperation.START, 120, true),
        powerJobs.get(VmOperation.START));
  }

  private <C> Accepted transition(VmRecord vm, VmOperation op, C context, JobType<C> job) {
    return transitions.submit(vm, op, context, job);
  }

  private Response serialLog(Request r) throws InterruptedException {
    VmRecord vm = find(r);
    int max = r.queryInt("maxBytes", 65536, 1, 1 << 20);
    if (vm.nodeId() == null) {
      return Response.ok(new SerialLog(vm.id(), "", 0));
    }
    try {
      SerialLogReply reply = host.call(vm, new ReadSerialLogCommand(vm.id(), host.definition(vm).serialLogPath(), max),
          SerialLogReply.class, Duration.ofSeconds(10));
      return Response.ok(new SerialLog(vm.id(), reply.text(), reply.totalBytes()));
    } catch (JobFailedException e) {
      throw new ApiException(502, "node_unavailable", null, e.getMessage());
    }
  }
}
