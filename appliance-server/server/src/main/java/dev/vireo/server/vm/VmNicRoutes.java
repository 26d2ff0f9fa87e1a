package dev.vireo.server.vm;

import dev.vireo.api.model.SetNicSecurityGroupsRequest;
import dev.vireo.api.model.UpdateVmNicRequest;
import dev.vireo.api.model.VmState;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Submission;
import dev.vireo.server.network.Ipam;
import dev.vireo.server.network.MacAddresses;
import dev.vireo.server.secgroup.NicSecurityGroups;
import java.util.List;

/**
 * A VM's NICs after create: a custom MAC (white paper 4.2.15) is set only while the VM is STOPPED
 * (409 otherwise), checked and recorded in one transaction so two VMs never get the same MAC. The
 * security groups of a NIC (ADR 0018) change in any state; the job tells the VM's node.
 */
public final class VmNicRoutes {
  private final VmStore vms;
  private final Submission submission;
  private final ChangeMacJob changeMac;
  private final NicSecurityGroups nicGroups;
  private final SetNicSecurityGroupsJob setGroups;

  public VmNicRoutes(VmStore vms, Submission submission, ChangeMacJob changeMac, NicSecurityGroups nicGroups,
      SetNicSecurityGroupsJob setGroups) {
    this.vms = vms;
    this.submission = submission;
    this.changeMac = changeMac;
    this.nicGroups = nicGroups;
    this.setGroups = setGroups;
  }

  public List<JobType<?>> jobTypes() {
    return List.of(changeMac, setGroups);
  }

  public void register(ApiRouter router) {
    router.patch("/api/v1/vms/{id}/nics/{index}", Access.USER, this::update)
        .put("/api/v1/vms/{id}/nics/{index}/security-groups", Access.USER, this::setSecurityGroups);
  }

  private VmRecord vm(Request r) {
    VmRecord vm = vms.resolve(r.path("id")).orElseThrow(() -> ApiException.notFound("VM", r.path("id")));
    if (vm.state() == VmState.DELETED || vm.state() == VmState.DELETING) {
      throw ApiException.notFound("VM", r.path("id"));
    }
    return vm;
  }

  private static int index(Request r, VmRecord vm) {
    try {
      return Integer.parseInt(r.path("index"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("NIC", vm.id() + "/" + r.path("index"));
    }
  }

  /** The NIC's groups in order (an empty list: unfiltered), recorded with the job that tells the node. */
  private Response setSecurityGroups(Request r) {
    VmRecord vm = vm(r);
    int index = index(r, vm);
    SetNicSecurityGroupsRequest req = r.json(SetNicSecurityGroupsRequest.class);
    if (req.securityGroups() == null) {
      throw ApiException.invalid("securityGroups", "is required: the NIC's groups in order (empty: unfiltered)");
    }
    List<String> ids = nicGroups.resolve("securityGroups", req.securityGroups(), vm.vm().regionId());
    return Response.accepted(submission.submit(h -> {
      String mac = h.createQuery("SELECT mac FROM vm_nics WHERE vm_id = :v AND nic_index = :i").bind("v", vm.id())
          .bind("i", index).mapTo(String.class).findOne()
          .orElseThrow(() -> ApiException.notFound("NIC", vm.id() + "/" + index));
      List<String> previous = NicSecurityGroups.set(h, vm.id(), index, ids);
      vms.nicsChanged(h);
      return submission.job(h, setGroups, new SetNicSecurityGroupsJob.Context(vm.id(), index, mac, ids, previous),
          "vm", vm.id());
    }));
  }

  private Response update(Request r) {
    VmRecord vm = vms.resolve(r.path("id")).orElseThrow(() -> ApiException.notFound("VM", r.path("id")));
    int index = index(r, vm);
    UpdateVmNicRequest req = r.json(UpdateVmNicRequest.class);
    String mac = MacAddresses.normalize(req.macAddress());
    if (mac == null) {
      throw ApiException.invalid("macAddress", "'" + req.macAddress()
          + "' is not a unicast MAC address (six hex pairs, e.g. 52:54:00:12:34:56, first octet even)");
    }
    return Response.accepted(submission.submit(h -> {
      VmState now = VmStore.stateOf(h, vm.id());
      if (now != VmState.STOPPED) {
        throw ApiException.conflict("VM " + vm.id() + " is " + now + "; its MAC can be changed only while it is"
            + " STOPPED (white paper 4.2.15)");
      }
      String previous = Ipam.changeMac(h, vm.id(), index, mac);
      vms.nicsChanged(h);
      return submission.job(h, changeMac, new ChangeMacJob.Context(vm.id(), index, mac, previous), "vm", vm.id());
    }));
  }
}
