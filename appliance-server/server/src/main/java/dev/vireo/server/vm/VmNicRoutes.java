package dev.vireo.server.vm;

import dev.vireo.api.model.UpdateVmNicRequest;
import dev.vireo.api.model.VmState;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.job.Submission;
import dev.vireo.server.network.Ipam;
import dev.vireo.server.network.MacAddresses;

/**
 * A VM's NICs after create: a custom MAC (white paper 4.2.15) is set only while the VM is STOPPED
 * (409 otherwise), checked and recorded in one transaction so two VMs never get the same MAC.
 */
public final class VmNicRoutes {
  private final VmStore vms;
  private final Submission submission;
  private final ChangeMacJob changeMac;

  public VmNicRoutes(VmStore vms, Submission submission, ChangeMacJob changeMac) {
    this.vms = vms;
    this.submission = submission;
    this.changeMac = changeMac;
  }

  public ChangeMacJob jobType() {
    return changeMac;
  }

  public void register(ApiRouter router) {
    router.patch("/api/v1/vms/{id}/nics/{index}", Access.USER, this::update);
  }

  private Response update(Request r) {
    VmRecord vm = vms.resolve(r.path("id")).orElseThrow(() -> ApiException.notFound("VM", r.path("id")));
    int index;
    try {
      index = Integer.parseInt(r.path("index"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("NIC", vm.id() + "/" + r.path("index"));
    }
    UpdateVmNicRequest req = r.json(UpdateVmNicRequest.class);
    String mac = MacAddresses.normalize(req.macAddress());
    if (mac == null) {
      throw ApiException.invalid("macAddress", "'" + req.macAddress()
          + "' is not a unicast MAC address (six hex pairs, e.g. 52:54:00:12:34:56, first octet even)");
    }
    return Response.accepted(submission.submit(h -> {
      VmState now = h.createQuery("SELECT state FROM vms WHERE id = :id").bind("id", vm.id())
          .map((rs, c) -> VmState.valueOf(rs.getString(1))).one();
      if (now != VmState.STOPPED) {
        throw ApiException.conflict("VM " + vm.id() + " is " + now + "; its MAC can be changed only while it is"
            + " STOPPED (white paper 4.2.15)");
      }
      String previous = Ipam.changeMac(h, vm.id(), index, mac);
      return submission.job(h, changeMac, new ChangeMacJob.Context(vm.id(), index, mac, previous), "vm", vm.id());
    }));
  }
}
