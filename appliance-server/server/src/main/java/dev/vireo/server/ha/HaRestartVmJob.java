package dev.vireo.server.ha;

import dev.vireo.agent.protocol.DefineVmCommand;
import dev.vireo.agent.protocol.DoneReply;
import dev.vireo.agent.protocol.ForgetDomainCommand;
import dev.vireo.agent.protocol.StartVmCommand;
import dev.vireo.agent.protocol.VmStateReply;
import dev.vireo.api.model.VmState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.vm.VmHost;
import dev.vireo.server.vm.VmPlacer;
import dev.vireo.server.vm.VmRecord;
import dev.vireo.server.vm.VmStateChange;
import dev.vireo.server.vm.VmStore;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts a "never stop" VM of a failed node on a healthy node of its cluster (white paper
 * 3.2.5): the scheduler places it (isolation groups apply, the failed node is DOWN so it is never
 * chosen), the domain is defined from the shared storage and started. A start refused because
 * the disk is still locked (virtlockd lease of a QEMU that has not been fenced yet) is retried
 * for a while; it never runs twice.
 */
public final class HaRestartVmJob implements JobType<HaRestartVmJob.Context> {
  private static final Logger LOG = LoggerFactory.getLogger(HaRestartVmJob.class);
  private static final int START_ATTEMPTS = 15;

  /** The VM and the node it was running on when that node failed. */
  public record Context(String vmId, String failedNodeId) {}

  private final VmStore vms;
  private final VmPlacer placer;
  private final VmHost host;
  private final VmStateChange state;

  public HaRestartVmJob(VmStore vms, VmPlacer placer, VmHost host, EventBus events) {
    this.vms = vms;
    this.placer = placer;
    this.host = host;
    this.state = new VmStateChange(vms, events);
  }

  @Override
  public String name() {
    return "HA_RESTART_VM";
  }

  @Override
  public Class<Context> contextType() {
    return Context.class;
  }

  private VmRecord vm(Context c) {
    return vms.get(c.vmId()).orElseThrow();
  }

  /** Nothing left to do: a resumed or repeated job whose VM already runs elsewhere. */
  private boolean done(Context c) {
    VmRecord r = vm(c);
    return r.state() == VmState.RUNNING && r.nodeId() != null && !r.nodeId().equals(c.failedNodeId());
  }

  @Override
  public List<Step<Context>> steps() {
    return List.of(
        Step.of("Place on a healthy node", c -> {
          VmRecord r = vm(c);
          if (r.nodeId() == null || r.nodeId().equals(c.failedNodeId())) {
            String node = placer.place(r);
            LOG.info("HA: VM {} of failed node {} goes to node {}", c.vmId(), c.failedNodeId(), node);
          }
        }),
        Step.of("Define domain", c -> {
          if (!done(c)) {
            host.ensureNetworks(vm(c));
            var definition = host.definition(vm(c));
            host.call(vm(c), new DefineVmCommand(definition), VmStateReply.class);
            vms.setMaxCpu(c.vmId(), definition.vcpuMaximum()); // vm operations: the hot-upgrade ceiling
          }
        }, c -> host.call(vm(c), new ForgetDomainCommand(c.vmId()), DoneReply.class)),
        Step.of("Start", c -> {
          if (!done(c)) {
            state.to(c.vmId(), VmState.STARTING, null);
            start(c);
          }
        }));
  }

  private void start(Context c) throws JobFailedException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        host.call(vm(c), new StartVmCommand(c.vmId()), VmStateReply.class, Duration.ofSeconds(60));
        return;
      } catch (JobFailedException e) {
        if (attempt >= START_ATTEMPTS || !e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("lock")) {
          throw e;
        }
        LOG.info("HA: start of {} refused while its disk is still locked (attempt {}): {}", c.vmId(), attempt,
            e.getMessage());
        Thread.sleep(1000);
      }
    }
  }

  @Override
  public void onSuccess(Context c) {
    state.to(c.vmId(), VmState.RUNNING, null);
  }

  @Override
  public void onFailure(Context c, String reason) {
    state.to(c.vmId(), VmState.STOPPED, "HA restart after the failure of node " + c.failedNodeId() + " failed: "
        + reason);
  }
}
