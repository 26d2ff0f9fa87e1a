package dev.vireo.client.vms;

import dev.vireo.api.client.EventStream;
import dev.vireo.api.client.Paging;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.console.ConsoleTunnel;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.ConsoleTicket;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskState;
import dev.vireo.api.model.Image;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.Network;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.SecurityGroup;
import dev.vireo.api.model.Spec;
import dev.vireo.api.model.Vm;
import java.io.IOException;
import java.util.List;

/** {@link VmApi} over the Java SDK. */
public final class SdkVmApi implements VmApi {
  private final VireoClient client;

  public SdkVmApi(VireoClient client) {
    this.client = client;
  }

  @Override
  public Page<Vm> listVms(Paging paging) {
    return client.listVms(null, null, paging);
  }

  @Override
  public Vm getVm(String id) {
    return client.getVm(id);
  }

  @Override
  public List<Node> listNodes() {
    return client.listNodes().items();
  }

  @Override
  public Accepted startVm(String id) {
    return client.startVm(id);
  }

  @Override
  public Accepted stopVm(String id) {
    return client.stopVm(id, null, null);
  }

  @Override
  public Accepted powerOffVm(String id) {
    return client.powerOffVm(id);
  }

  @Override
  public Accepted rebootVm(String id) {
    return client.rebootVm(id);
  }

  @Override
  public Accepted suspendVm(String id) {
    return client.suspendVm(id);
  }

  @Override
  public Accepted resumeVm(String id) {
    return client.resumeVm(id);
  }

  @Override
  public Accepted migrateVm(String id) {
    return client.migrateVm(id, null);
  }

  @Override
  public Accepted deleteVm(String id) {
    return client.deleteVm(id);
  }

  @Override
  public Job getJob(String jobId) {
    return client.getJob(jobId);
  }

  @Override
  public List<Disk> listVmDisks(String vmId) {
    return client.listVmDisks(vmId).items();
  }

  @Override
  public Image getImage(String id) {
    return client.getImage(id);
  }

  @Override
  public List<Cluster> listClusters() {
    return client.listClusters().items();
  }

  @Override
  public List<Spec> listSpecs(String clusterId) {
    return client.listSpecs(clusterId).items();
  }

  @Override
  public List<Image> listImages() {
    return client.listImages().items();
  }

  @Override
  public List<Disk> listAvailableDisks() {
    return client.listDisks(DiskState.AVAILABLE).items();
  }

  @Override
  public List<Network> listNetworks() {
    return client.listNetworks().items();
  }

  @Override
  public List<SecurityGroup> listSecurityGroups() {
    return client.listSecurityGroups().items();
  }

  @Override
  public Accepted createVm(CreateVmRequest request, String idempotencyKey) {
    return client.createVm(request, idempotencyKey);
  }

  @Override
  public ConsoleConnection openConsole(String vmId) throws IOException {
    ConsoleTicket ticket = client.createConsoleTicket(vmId);
    return new ConsoleConnection(ConsoleTunnel.open(ticket, client.fingerprint()), ticket.password());
  }

  @Override
  public AutoCloseable events(EventStream.Listener listener) {
    return client.events(listener);
  }
}
