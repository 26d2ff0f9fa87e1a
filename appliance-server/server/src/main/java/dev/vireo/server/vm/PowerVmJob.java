package dev.vireo.server.vm;

import dev.vireo.agent.protocol.DefineVmCommand;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.PowerOffVmCommand;
import dev.vireo.agent.protocol.RebootVmCommand;
import dev.vireo.agent.protocol.ShutdownVmCommand;
import dev.vireo.agent.protocol.StartVmCommand;
import dev.vireo.agent.protocol.RestoreVmCommand;
import dev.vireo.agent.protocol.SuspendVmCommand;
import dev.vireo.agent.protocol.VmStateReply;
import dev.vireo.api.model.VmState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start, graceful stop, power-off, reboot, suspend to file and resume. On failure the VM's state is
 * read back from its node, so the inventory shows what really runs.
 */
public final class PowerVmJob implements JobType<PowerVmJob.Context> {
  private static final Logger LOG = LoggerFactory.getLogger(PowerVmJob.class);

  /** The VM, the operation, and for STOP the ACPI timeout and whether to force after it. */
  public record Context(String vmId, VmOperation operation, int timeoutSeconds, boolean force) {}

  /** Saving or restoring memory writes or reads the whole guest RAM (TCG, shared storage: seconds per GiB). */
  static final Duration SAVE_TIMEOUT = Duration.ofMinutes(10);

  private final VmOperation operation;
  private final VmStore vms;
  private final VmHost host;
  private final VmPlacer placer;
  private final EventBus events;
  private final VmStateChange state;

  public PowerVmJob(VmOperation operation, VmStore vms, VmHost host, VmPlacer placer, EventBus events) {
    this.operation = operation;
    this.placer = placer;
    this.vms = vms;
    this.host = host;
    this.events = events;
    this.state = new VmStateChange(vms, events);
  }

  @Override
  public String name() {
    return operation.name() + "_VM";
  }

  @Override
  public Class<Context> contextType() {
    return Context.class;
  }

  private VmRecord vm(Context c) {
    return vms.get(c.vmId()).orElseThrow();
  }

  @Override
  public List<Step<Context>> steps() {
    return switch (operation) {
      case START -> List.of(
          // A VM without a node (moved by an offline migration) is placed in its cluster first.
          Step.of("Place on a node", c -> {
            if (vm(c).nodeId() == null) {
              placer.place(vm(c));
            }
          }),
          // Redefining heals a domain lost on the node and applies inventory changes.
          Step.of("Define domain", c -> {
            if (host.query(vm(c)) != DomainPowerState.RUNNING) {
              host.ensureNetworks(vm(c)); // a VM placed anew (offline migration) or a node that missed a sync
              var definition = host.definition(vm(c));
              host.call(vm(c), new DefineVmCommand(definition), VmStateReply.class);
              vms.setMaxCpu(c.vmId(), definition.vcpuMaximum()); // the hot-upgrade ceiling of this run
            }
          }),
          Step.of("Start", c -> host.call(vm(c), new StartVmCommand(c.vmId()), VmStateReply.class)));
      case STOP -> List.of(Step.of("Shut down (ACPI)", c -> host.call(vm(c),
          new ShutdownVmCommand(c.vmId(), c.timeoutSeconds(), c.force()), VmStateReply.class,
          Duration.ofSeconds(c.timeoutSeconds() + 60L))));
      case POWEROFF -> List.of(Step.of("Power off", c -> host.call(vm(c), new PowerOffVmCommand(c.vmId()),
          VmStateReply.class)));
      case REBOOT -> List.of(Step.of("Reboot", c -> host.call(vm(c), new RebootVmCommand(c.vmId()),
          VmStateReply.class)));
      // vm operations: suspend to file and restore (ADR 0024)
      case SUSPEND -> List.of(Step.of("Save memory to the shared storage", c -> host.call(vm(c),
          new SuspendVmCommand(c.vmId(), host.saveImage(c.vmId()).toString()), VmStateReply.class,
          SAVE_TIMEOUT)));
      case RESUME -> List.of(
          // a VM whose node failed while it was suspended has no node: its memory is on the shared storage
          Step.of("Place on a node", c -> {
            if (vm(c).nodeId() == null) {
              placer.place(vm(c));
            }
          }),
          // only a domain lost on its node is defined again: the saved image carries the definition it ran with
          Step.of("Define domain if absent", c -> {
            if (host.query(vm(c)) == DomainPowerState.ABSENT) {
              host.ensureNetworks(vm(c));
              host.call(vm(c), new DefineVmCommand(host.definition(vm(c))), VmStateReply.class);
            }
          }),
          Step.of("Restore memory from the shared storage", c -> host.call(vm(c),
              new RestoreVmCommand(c.vmId(), host.saveImage(c.vmId()).toString()), VmStateReply.class,
              SAVE_TIMEOUT)));
      case DELETE, MIGRATE, MIGRATE_OFFLINE -> throw new IllegalArgumentException(operation + " has its own job");
    };
  }

  @Override
  public void onSuccess(Context c) {
    state.to(c.vmId(), operation.target(), null);
  }

  @Override
  public void onFailure(Context c, String reason) {
    VmState truth;
    try {
      truth = vm(c).nodeId() == null ? VmState.STOPPED : switch (host.query(vm(c))) {
        case RUNNING, PAUSED, BLOCKED, SHUTTING_DOWN, PMSUSPENDED -> VmState.RUNNING;
        case SHUTOFF, CRASHED, ABSENT, NOSTATE -> VmState.STOPPED;
      };
      // A failed restore leaves the memory image in place (the agent deletes it only after success):
      // the VM is still suspended and a later resume may succeed. A save that failed with the domain
      // shut off almost surely wrote its image (e.g. the reply was lost). Either way a resume without
      // an image fails rather than boot afresh; a power-off then discards the suspended state.
      if ((operation == VmOperation.RESUME || operation == VmOperation.SUSPEND) && truth == VmState.STOPPED) {
        truth = VmState.SUSPENDED;
      }
    } catch (JobFailedException | RuntimeException e) {
      truth = VmState.UNKNOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      truth = VmState.UNKNOWN;
    }
    LOG.info("{} of {} failed; node reports {}", operation.verb(), c.vmId(), truth);
    state.to(c.vmId(), truth, operation.verb() + " failed: " + reason);
  }
}
