package dev.vireo.client.vms;

import dev.vireo.api.client.EventStream;
import dev.vireo.api.client.Paging;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.Image;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.Network;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.SecurityGroup;
import dev.vireo.api.model.Spec;
import dev.vireo.api.model.Vm;
import java.io.IOException;
import java.net.Socket;
import java.util.List;

/**
 * What the VM screens ask of the server: the SDK calls they make, behind an interface so the
 * view-models are tested with a fake ({@link SdkVmApi} is the real one). Every method blocks on the
 * network; view-models call them through {@code Background} only.
 */
public interface VmApi {
  Page<Vm> listVms(Paging paging);

  Vm getVm(String id);

  List<Node> listNodes();

  Accepted startVm(String id);

  /** Graceful stop (ACPI), powered off after the server's timeout. */
  Accepted stopVm(String id);

  /** Force stop: power off at once. */
  Accepted powerOffVm(String id);

  Accepted rebootVm(String id);

  Accepted suspendVm(String id);

  Accepted resumeVm(String id);

  /** Live migration to the node the scheduler chooses. */
  Accepted migrateVm(String id);

  Accepted deleteVm(String id);

  Job getJob(String jobId);

  List<Disk> listVmDisks(String vmId);

  Image getImage(String id);

  List<Cluster> listClusters();

  List<Spec> listSpecs(String clusterId);

  List<Image> listImages();

  List<Disk> listAvailableDisks();

  List<Network> listNetworks();

  List<SecurityGroup> listSecurityGroups();

  Accepted createVm(CreateVmRequest request, String idempotencyKey);

  /** A console ticket for the running VM and the TLS tunnel through the server's gateway. */
  ConsoleConnection openConsole(String vmId) throws IOException;

  /** Subscribes to the server's event stream; closing the result ends it. */
  AutoCloseable events(EventStream.Listener listener);

  /** An open console tunnel and the VNC password to speak RFB over it. */
  record ConsoleConnection(Socket socket, String password) {}
}
