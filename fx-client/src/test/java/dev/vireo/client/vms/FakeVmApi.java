package dev.vireo.client.vms;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.EventStream;
import dev.vireo.api.client.Paging;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.HaMode;
import dev.vireo.api.model.Image;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import dev.vireo.api.model.JobStep;
import dev.vireo.api.model.Network;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.SecurityGroup;
import dev.vireo.api.model.Spec;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmNic;
import dev.vireo.api.model.VmState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory server for the VM view-models: VMs, jobs it answers as told, and the calls it got. */
public final class FakeVmApi implements VmApi {
  public final Map<String, Vm> vms = new ConcurrentHashMap<>();
  public final Map<String, Job> jobs = new ConcurrentHashMap<>();
  public final List<String> calls = new CopyOnWriteArrayList<>();
  public final List<CreateVmRequest> created = new CopyOnWriteArrayList<>();
  public final AtomicInteger getVmCalls = new AtomicInteger();
  public volatile EventStream.Listener listener;
  private final AtomicInteger ids = new AtomicInteger();

  /** A VM with one NIC at 10.0.0.n on node-1. */
  public static Vm vm(String id, String name, VmState state, int n) {
    return new Vm(id, name, null, state, null, "cl-1", "node-1", "img-1", "spec-1", 2, 4, 40, BootMode.BIOS,
        Instant.parse("2026-12-01T10:00:00Z").plusSeconds(n), null, HaMode.NONE,
        List.of(new VmNic("net-1", "52:54:00:00:00:01", "10.0." + (n / 250) + "." + (n % 250 + 1), null, List.of())),
        name);
  }

  public FakeVmApi with(Vm vm) {
    vms.put(vm.id(), vm);
    return this;
  }

  public static Job job(String id, JobState state, String error, Integer progress, JobStep... steps) {
    return new Job(id, "vm.start", state, "vm", "vm-1", error, List.of(steps), Instant.now(), Instant.now(),
        state.isFinal() ? Instant.now() : null, progress);
  }

  @Override
  public Page<Vm> listVms(Paging paging) {
    calls.add("listVms " + paging.offset());
    List<Vm> all = new ArrayList<>(vms.values());
    all.sort(java.util.Comparator.comparing(Vm::id));
    int to = Math.min(all.size(), paging.offset() + paging.limit());
    return new Page<>(paging.offset() >= to ? List.of() : all.subList(paging.offset(), to), all.size(),
        paging.offset(), paging.limit());
  }

  @Override
  public Vm getVm(String id) {
    getVmCalls.incrementAndGet();
    Vm vm = vms.get(id);
    if (vm == null) {
      throw new ApiException(404, "not_found", null, "no VM " + id);
    }
    return vm;
  }

  @Override
  public List<Node> listNodes() {
    return List.of(new Node("node-1", "cl-1", "kvm-a", null, null, "x86_64", null, 8, 1, 8, 1, 1L << 34, null, null,
        null, 0, null, null, false, null));
  }

  private Accepted accept(String op, String id) {
    calls.add(op + " " + id);
    String jobId = "job-" + ids.incrementAndGet();
    jobs.putIfAbsent(jobId, job(jobId, JobState.RUNNING, null, null));
    return new Accepted(jobId, "vm", id);
  }

  @Override public Accepted startVm(String id) { return accept("start", id); }
  @Override public Accepted stopVm(String id) { return accept("stop", id); }
  @Override public Accepted powerOffVm(String id) { return accept("poweroff", id); }
  @Override public Accepted rebootVm(String id) { return accept("reboot", id); }
  @Override public Accepted suspendVm(String id) { return accept("suspend", id); }
  @Override public Accepted resumeVm(String id) { return accept("resume", id); }
  @Override public Accepted migrateVm(String id) { return accept("migrate", id); }
  @Override public Accepted deleteVm(String id) { return accept("delete", id); }

  @Override
  public Job getJob(String jobId) {
    Job j = jobs.get(jobId);
    if (j == null) {
      throw new ApiException(404, "not_found", null, "no job " + jobId);
    }
    return j;
  }

  @Override public List<Disk> listVmDisks(String vmId) { return List.of(); }

  @Override
  public Image getImage(String id) {
    return new Image(id, "debian-12", null, null, null, null, null, null, 0, 0, null, null);
  }

  @Override public List<Cluster> listClusters() { return List.of(); }

  @Override
  public List<Spec> listSpecs(String clusterId) {
    return List.of(new Spec("spec-1", "1C2G", null, 1, 2, true, null), new Spec("spec-2", "2C4G", null, 2, 4, false, null));
  }

  @Override
  public List<Image> listImages() {
    return List.of(new Image("img-1", "debian-12", null, null, null, null, null,
        dev.vireo.api.model.ImageState.AVAILABLE, 0, 0, null, null));
  }

  @Override public List<Disk> listAvailableDisks() { return List.of(); }
  @Override public List<Network> listNetworks() { return List.of(); }
  @Override public List<SecurityGroup> listSecurityGroups() { return List.of(); }

  @Override
  public Accepted createVm(CreateVmRequest request, String idempotencyKey) {
    created.add(request);
    String id = "vm-new-" + created.size();
    return accept("create", id);
  }

  @Override
  public ConsoleConnection openConsole(String vmId) {
    calls.add("console " + vmId);
    return new ConsoleConnection(null, "secret");
  }

  @Override
  public AutoCloseable events(EventStream.Listener l) {
    listener = l;
    return () -> listener = null;
  }
}
