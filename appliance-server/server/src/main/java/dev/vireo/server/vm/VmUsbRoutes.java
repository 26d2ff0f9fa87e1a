package dev.vireo.server.vm;

import dev.vireo.agent.protocol.AttachUsbCommand;
import dev.vireo.agent.protocol.DetachUsbCommand;
import dev.vireo.agent.protocol.HostDevicesReply;
import dev.vireo.agent.protocol.ListHostDevicesCommand;
import dev.vireo.agent.protocol.VmStateReply;
import dev.vireo.api.model.AttachUsbRequest;
import dev.vireo.api.model.UsbDeviceType;
import dev.vireo.api.model.VmState;
import dev.vireo.api.model.VmUsbDevice;
import dev.vireo.server.device.UsbRules;
import dev.vireo.server.device.UsbStore;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.job.Submission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A VM's USB devices (ADR 0027): {@code GET/POST /vms/{id}/usb-devices}, {@code DELETE
 * /vms/{id}/usb-devices/{usbId}}. A PASSTHROUGH must name a USB device the VM's node lists now (so
 * the VM must be on a node); a REDIRECT names a client's usbredir server. Attach and detach are
 * jobs that tell the VM's node (live while it runs); a failed attach removes the record again.
 */
public final class VmUsbRoutes {
  /** The VM and the USB device record. */
  public record Context(String vmId, String usbId) {}

  private final VmStore vms;
  private final UsbStore usb;
  private final VmHost host;
  private final Submission submission;
  private final EventBus events;
  private final JobType<Context> attachJob;
  private final JobType<Context> detachJob;

  public VmUsbRoutes(VmStore vms, UsbStore usb, VmHost host, Submission submission, EventBus events) {
    this.vms = vms;
    this.usb = usb;
    this.host = host;
    this.submission = submission;
    this.events = events;
    this.attachJob = new AttachJob();
    this.detachJob = new DetachJob();
  }

  public List<JobType<?>> jobTypes() {
    return List.of(attachJob, detachJob);
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/vms/{id}/usb-devices", Access.USER, r -> Response.ok(usb.ofVm(vm(r).id())))
        .post("/api/v1/vms/{id}/usb-devices", Access.USER, this::attach)
        .delete("/api/v1/vms/{id}/usb-devices/{usbId}", Access.USER, this::detach);
  }

  private VmRecord vm(Request r) {
    VmRecord vm = vms.resolve(r.path("id")).orElseThrow(() -> ApiException.notFound("VM", r.path("id")));
    if (vm.state() == VmState.DELETED || vm.state() == VmState.DELETING) {
      throw ApiException.notFound("VM", r.path("id"));
    }
    return vm;
  }

  private Response attach(Request r) throws InterruptedException {
    VmRecord vm = vm(r);
    AttachUsbRequest req = UsbRules.check(r.json(AttachUsbRequest.class));
    if (vm.state() == VmState.CREATING || vm.state() == VmState.MIGRATING || vm.state() == VmState.FAILED) {
      throw ApiException.conflict("VM " + vm.id() + " is " + vm.state() + "; USB devices are attached to a VM that"
          + " is RUNNING or STOPPED");
    }
    if (req.type() == UsbDeviceType.PASSTHROUGH) {
      if (vm.nodeId() == null) {
        throw ApiException.conflict("VM " + vm.id() + " has no node: a USB passthrough device is a device of the"
            + " VM's node; start the VM first");
      }
      HostDevicesReply listed;
      try {
        listed = host.call(vm, new ListHostDevicesCommand(), HostDevicesReply.class, Duration.ofSeconds(10));
      } catch (JobFailedException e) {
        throw new ApiException(503, "node_unavailable", null, "node " + vm.nodeId() + " did not list its USB"
            + " devices: " + e.getMessage());
      }
      UsbRules.match(req, vm.nodeId(), listed.usbDevices());
      for (VmUsbDevice other : usb.ofVm(vm.id())) {
        if (other.type() == UsbDeviceType.PASSTHROUGH && java.util.Objects.equals(other.vendorId(), req.vendorId())
            && java.util.Objects.equals(other.productId(), req.productId())
            && java.util.Objects.equals(other.bus(), req.bus()) && java.util.Objects.equals(other.device(), req.device())) {
          throw ApiException.conflict("VM " + vm.id() + " already has that USB device: " + UsbRules.describe(other));
        }
      }
    }
    VmUsbDevice d = new VmUsbDevice(Ids.next("usb"), vm.id(), req.type(), req.vendorId(), req.productId(), req.bus(),
        req.device(), req.host(), req.port(), Instant.now());
    return Response.accepted(submission.submit(h -> {
      usb.insert(h, d);
      return submission.job(h, attachJob, new Context(vm.id(), d.id()), "vm", vm.id());
    }));
  }

  private Response detach(Request r) {
    VmRecord vm = vm(r);
    VmUsbDevice d = usb.get(vm.id(), r.path("usbId"))
        .orElseThrow(() -> ApiException.notFound("USB device", vm.id() + "/" + r.path("usbId")));
    return Response.accepted(submission.submit(h -> submission.job(h, detachJob, new Context(vm.id(), d.id()), "vm",
        vm.id())));
  }

  private final class AttachJob implements JobType<Context> {
    @Override
    public String name() {
      return "ATTACH_USB";
    }

    @Override
    public Class<Context> contextType() {
      return Context.class;
    }

    @Override
    public List<Step<Context>> steps() {
      return List.of(Step.of("Attach to the domain on the VM's node", c -> {
        VmRecord vm = vms.get(c.vmId()).orElseThrow(() -> new JobFailedException("VM " + c.vmId() + " is gone"));
        VmUsbDevice d = usb.get(c.vmId(), c.usbId()).orElseThrow(() -> new JobFailedException("USB device gone"));
        if (vm.nodeId() != null) {
          host.call(vm, new AttachUsbCommand(vm.id(), UsbStore.definition(d)), VmStateReply.class);
        }
      }, c -> {
        VmRecord vm = vms.get(c.vmId()).orElse(null);
        var d = usb.get(c.vmId(), c.usbId());
        if (vm != null && vm.nodeId() != null && d.isPresent()) {
          host.call(vm, new DetachUsbCommand(vm.id(), UsbStore.definition(d.get())), VmStateReply.class);
        }
      }));
    }

    @Override
    public void onSuccess(Context c) {
      events.publish("vm", c.vmId(), "UPDATED");
    }

    @Override
    public void onFailure(Context c, String reason) {
      usb.delete(c.usbId()); // the record says what the domain has
    }
  }

  private final class DetachJob implements JobType<Context> {
    @Override
    public String name() {
      return "DETACH_USB";
    }

    @Override
    public Class<Context> contextType() {
      return Context.class;
    }

    @Override
    public List<Step<Context>> steps() {
      return List.of(Step.of("Detach from the domain on the VM's node", c -> {
        VmRecord vm = vms.get(c.vmId()).orElseThrow(() -> new JobFailedException("VM " + c.vmId() + " is gone"));
        var d = usb.get(c.vmId(), c.usbId());
        if (vm.nodeId() != null && d.isPresent()) {
          host.call(vm, new DetachUsbCommand(vm.id(), UsbStore.definition(d.get())), VmStateReply.class);
        }
      }));
    }

    @Override
    public void onSuccess(Context c) {
      usb.delete(c.usbId());
      events.publish("vm", c.vmId(), "UPDATED");
    }
  }
}
