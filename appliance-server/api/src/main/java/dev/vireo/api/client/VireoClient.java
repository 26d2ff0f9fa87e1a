package dev.vireo.api.client;

import static dev.vireo.api.client.UrlParts.query;
import static dev.vireo.api.client.UrlParts.segment;

import com.fasterxml.jackson.databind.JavaType;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.CreateClusterRequest;
import dev.vireo.api.model.AttachDiskRequest;
import dev.vireo.api.model.CloneDiskRequest;
import dev.vireo.api.model.CreateDiskRequest;
import dev.vireo.api.model.CreateNetworkRequest;
import dev.vireo.api.model.CreateStorageClusterRequest;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskState;
import dev.vireo.api.model.ResizeDiskRequest;
import dev.vireo.api.model.StorageCluster;
import dev.vireo.api.model.CreateAddressGroupRequest;
import dev.vireo.api.model.CreateSecurityGroupRequest;
import dev.vireo.api.model.IpGroup;
import dev.vireo.api.model.PortGroup;
import dev.vireo.api.model.SecurityGroup;
import dev.vireo.api.model.SecurityGroupTestRequest;
import dev.vireo.api.model.SetNicSecurityGroupsRequest;
import dev.vireo.api.model.SecurityGroupTestResult;
import dev.vireo.api.model.Network;
import dev.vireo.api.model.NetworkRoute;
import dev.vireo.api.model.UpdateNetworkRequest;
import dev.vireo.api.model.UpdateVmNicRequest;
import dev.vireo.api.model.CreateGroupRequest;
import dev.vireo.api.model.CreateSpecRequest;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.Image;
import dev.vireo.api.model.ImportImageRequest;
import dev.vireo.api.model.IsolationGroup;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import dev.vireo.api.model.LoginRequest;
import dev.vireo.api.model.LoginResponse;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeDevices;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.Ping;
import dev.vireo.api.model.PlacementDryRun;
import dev.vireo.api.model.PlacementDryRunRequest;
import dev.vireo.api.model.Region;
import dev.vireo.api.model.SerialLog;
import dev.vireo.api.model.SetGroupNodesRequest;
import dev.vireo.api.model.Spec;
import dev.vireo.api.model.UpdateSpecRequest;
import dev.vireo.api.model.DiskSpec;
import dev.vireo.api.model.UpdateDiskSpecRequest;
import dev.vireo.api.model.MigrateVmRequest;
import dev.vireo.api.model.StopVmRequest;
import dev.vireo.api.model.UpdateClusterRequest;
import dev.vireo.api.model.UpdateVmRequest;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.ResizeVmRequest;
import dev.vireo.api.model.VmState;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Java SDK: one method per operation of the REST API v1 ({@code docs/rest-api.md}) over
 * HTTPS pinned to the appliance's certificate. Thread-safe. Failures are unchecked:
 * {@link ApiException} when the server refuses, {@link ServerUnreachableException} when it
 * cannot be reached (or {@link FingerprintMismatchException} when it is not the pinned server).
 * Methods taking {@code idOrName} also accept a VM's or image's name; the server resolves it.
 */
public final class VireoClient {
  private static final String V1 = "/api/v1";
  private static final Map<String, String> NO_HEADERS = Map.of();

  private final URI server;
  private final String fingerprint;
  private final HttpTransport http;
  private final Duration pollInterval;

  /**
   * A client for {@code server} (https only, e.g. {@code https://vireo.example:8443}) trusting the
   * certificate with this SHA-256 {@code fingerprint}, using {@code token} (may be null) until login.
   */
  public VireoClient(URI server, String fingerprint, String token) {
    this(server, fingerprint, token, Duration.ofMillis(250));
  }

  VireoClient(URI server, String fingerprint, String token, Duration pollInterval) {
    this(server, fingerprint, token, pollInterval, null, null, null);
  }

  private VireoClient(URI server, String fingerprint, String token, Duration pollInterval, String accessKey,
      String secret, dev.vireo.api.signing.SigningAlgorithm algorithm) {
    if (server == null || !"https".equalsIgnoreCase(server.getScheme()) || server.getHost() == null) {
      throw new IllegalArgumentException("the server URL must look like https://host:port, got " + server);
    }
    this.server = URI.create(server.getScheme() + "://" + server.getRawAuthority());
    this.fingerprint = PinnedTrust.normalize(fingerprint);
    this.http = new HttpTransport(this.server, this.fingerprint, token, accessKey == null ? null
        : RequestAuthorization.apiKey(accessKey, secret, algorithm, java.time.Clock.systemUTC()));
    this.pollInterval = pollInterval;
  }

  /** A builder for {@code server} trusting the certificate with this SHA-256 {@code fingerprint}. */
  public static Builder builder(URI server, String fingerprint) {
    return new Builder(server, fingerprint);
  }

  /** Builds a client that logs in with a token, or signs every request with an API key pair. */
  public static final class Builder {
    private final URI server;
    private final String fingerprint;
    private String token;
    private String accessKey;
    private String secret;
    private dev.vireo.api.signing.SigningAlgorithm algorithm;

    private Builder(URI server, String fingerprint) {
      this.server = server;
      this.fingerprint = fingerprint;
    }

    /** A bearer token to use until {@link VireoClient#login}. */
    public Builder withToken(String token) {
      this.token = token;
      return this;
    }

    /**
     * Signs every request, the event stream included, with this API key pair (docs/api-signing.md)
     * instead of sending a bearer token; no login needed.
     */
    public Builder withApiKey(String accessKey, String secret) {
      return withApiKey(accessKey, secret, dev.vireo.api.signing.SigningAlgorithm.SHA256);
    }

    /**
     * The same, signing with {@code algorithm}: {@code SM3} sends {@code VIREO-HMAC-SM3} signatures
     * (国密, docs/guomi.md); {@code SHA256} is the default.
     */
    public Builder withApiKey(String accessKey, String secret, dev.vireo.api.signing.SigningAlgorithm algorithm) {
      if (accessKey == null || accessKey.isBlank() || secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("an API key needs both its access key and its secret");
      }
      if (algorithm == null) {
        throw new IllegalArgumentException("a signing algorithm is required (SHA256 or SM3)");
      }
      this.accessKey = accessKey.strip();
      this.secret = secret;
      this.algorithm = algorithm;
      return this;
    }

    public VireoClient build() {
      return new VireoClient(server, fingerprint, token, Duration.ofMillis(250), accessKey, secret, algorithm);
    }
  }

  /** The server's origin, e.g. {@code https://vireo.example:8443}. */
  public URI server() {
    return server;
  }

  /** The pinned fingerprint, normalised to {@code AA:BB:..}. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The bearer token in use, or null before {@link #login}. */
  public String token() {
    return http.token();
  }

  /** Logs in and uses the new token for every later call. */
  public LoginResponse login(String username, String password) {
    LoginResponse r = http.send("POST", V1 + "/auth/login", new LoginRequest(username, password), NO_HEADERS,
        http.type(LoginResponse.class));
    http.token(r.token());
    return r;
  }

  /** Logs in with a second factor ({@code totpCode} or {@code recoveryCode}) and uses the new token. */
  public LoginResponse login(LoginRequest request) {
    LoginResponse r = http.send("POST", V1 + "/auth/login", request, NO_HEADERS, http.type(LoginResponse.class));
    http.token(r.token());
    return r;
  }

  /** Revokes the token on the server and forgets it. */
  public void logout() {
    http.send("POST", V1 + "/auth/logout", null, NO_HEADERS, null);
    http.token(null);
  }

  public Ping ping() {
    return get("/ping", http.type(Ping.class));
  }

  public Page<Region> listRegions() {
    return get("/regions?" + Paging.FIRST_1000.query(), http.pageOf(Region.class));
  }

  public Page<Cluster> listClusters() {
    return listClusters(Paging.FIRST_1000);
  }

  public Page<Cluster> listClusters(Paging paging) {
    return get("/clusters?" + paging.query(), http.pageOf(Cluster.class));
  }

  public Cluster getCluster(String id) {
    return get("/clusters/" + segment(id), http.type(Cluster.class));
  }

  public Accepted createCluster(CreateClusterRequest request, String idempotencyKey) {
    return create("/clusters", request, idempotencyKey);
  }

  /** Renames a cluster and/or raises its CPU overcommit ratio (nulls: unchanged). */
  public Accepted updateCluster(String id, UpdateClusterRequest request) {
    return call("PATCH", "/clusters/" + segment(id), request);
  }

  /** Locks (true) or unlocks a node: a locked node takes no new VMs. */
  public Accepted lockNode(String id, boolean lock) {
    return call("POST", "/nodes/" + segment(id) + (lock ? "/lock" : "/unlock"), null);
  }

  /**
   * Puts a LOCKED node into maintenance (its VMs move to other nodes of its cluster; the job fails
   * naming a VM that cannot move) or, with {@code enter} false, takes a node out of maintenance
   * back to LOCKED.
   */
  public Accepted maintainNode(String id, boolean enter) {
    return call(enter ? "POST" : "DELETE", "/nodes/" + segment(id) + "/maintenance", null);
  }

  public Page<Node> listNodes() {
    return listNodes(Paging.FIRST_1000);
  }

  public Page<Node> listNodes(Paging paging) {
    return get("/nodes?" + paging.query(), http.pageOf(Node.class));
  }

  public Node getNode(String id) {
    return get("/nodes/" + segment(id), http.type(Node.class));
  }

  /** The node's host devices as its agent reads them now (network, block, USB, GPUs); 503 when the node is not connected. */
  public NodeDevices getNodeDevices(String id) {
    return get("/nodes/" + segment(id) + "/devices", http.type(NodeDevices.class));
  }

  public Page<Image> listImages() {
    return listImages(Paging.FIRST_1000);
  }
  public Page<Image> listImages(Paging paging) {
    return get("/images?" + paging.query(), http.pageOf(Image.class));
  }

  public Image getImage(String idOrName) {
    return get("/images/" + segment(idOrName), http.type(Image.class));
  }

  public Accepted importImage(ImportImageRequest request, String idempotencyKey) {
    return create("/images", request, idempotencyKey);
  }

  /** Deletes an image; {@code force} is needed for BASE images. */
  public Accepted deleteImage(String idOrName, boolean force) {
    return call("DELETE", "/images/" + segment(idOrName) + (force ? "?force=true" : ""), null);
  }

  /** Specs usable in a cluster (its own and the global ones), or all specs if clusterId is null. */
  public Page<Spec> listSpecs(String clusterId) {
    String filter = clusterId == null ? "" : "clusterId=" + query(clusterId) + "&";
    return get("/specs?" + filter + Paging.FIRST_1000.query(), http.pageOf(Spec.class));
  }

  public Accepted createSpec(CreateSpecRequest request, String idempotencyKey) {
    return create("/specs", request, idempotencyKey);
  }

  /** Modifies a created or default spec (white paper 6.5); VMs made from it keep their size. */
  public Accepted updateSpec(String id, UpdateSpecRequest request) {
    return call("PATCH", "/specs/" + segment(id), request);
  }

  public Accepted deleteSpec(String id) {
    return call("DELETE", "/specs/" + segment(id), null);
  }

  /** The disk spec of every storage cluster: the capacity range of its new disks (white paper 6.5). */
  public Page<DiskSpec> listDiskSpecs() {
    return get("/disk-specs?" + Paging.FIRST_1000.query(), http.pageOf(DiskSpec.class));
  }

  /** The disk spec of a storage cluster, by the storage cluster's id or name. */
  public DiskSpec getDiskSpec(String storageClusterIdOrName) {
    return get("/disk-specs/" + segment(storageClusterIdOrName), http.type(DiskSpec.class));
  }

  /** Modifies a storage cluster's disk spec (null keeps a bound); disk specs are never created or deleted. */
  public DiskSpec updateDiskSpec(String storageClusterIdOrName, UpdateDiskSpecRequest request) {
    return http.send("PATCH", V1 + "/disk-specs/" + segment(storageClusterIdOrName), request, NO_HEADERS,
        http.type(DiskSpec.class));
  }

  public Page<IsolationGroup> listGroups() {
    return listGroups(Paging.FIRST_1000);
  }

  public Page<IsolationGroup> listGroups(Paging paging) {
    return get("/groups?" + paging.query(), http.pageOf(IsolationGroup.class));
  }

  public IsolationGroup getGroup(String id) {
    return get("/groups/" + segment(id), http.type(IsolationGroup.class));
  }

  /** Creates an isolation group (VMs join it at create time, CreateVmRequest.groupIds). */
  public Accepted createGroup(CreateGroupRequest request, String idempotencyKey) {
    return create("/groups", request, idempotencyKey);
  }

  /** Replaces a node group's nodes. */
  public Accepted setGroupNodes(String id, java.util.List<String> nodeIds) {
    return call("PUT", "/groups/" + segment(id) + "/nodes", new SetGroupNodesRequest(nodeIds));
  }

  /** Deletes a group (refused while a live VM is in it). */
  public Accepted deleteGroup(String id) {
    return call("DELETE", "/groups/" + segment(id), null);
  }

  public Page<Network> listNetworks() {
    return listNetworks(Paging.FIRST_1000);
  }

  public Page<Network> listNetworks(Paging paging) {
    return get("/networks?" + paging.query(), http.pageOf(Network.class));
  }

  /** A network by id or name. */
  public Network getNetwork(String idOrName) {
    return get("/networks/" + segment(idOrName), http.type(Network.class));
  }

  /** Creates a flat network; its job makes every connected node of the cluster carry it. */
  public Accepted createNetwork(CreateNetworkRequest request, String idempotencyKey) {
    return create("/networks", request, idempotencyKey);
  }

  /** Gives a STOPPED VM's NIC (0 = eth0) a custom MAC. */
  public Accepted setVmNicMac(String vm, int index, String macAddress) {
    return call("PATCH", "/vms/" + segment(vm) + "/nics/" + index, new UpdateVmNicRequest(macAddress));
  }

  /** Replaces a network's custom routes; its job pushes them into the running guests (ADR 0017). */
  public Accepted updateNetworkRoutes(String idOrName, List<NetworkRoute> routes) {
    return call("PATCH", "/networks/" + segment(idOrName), new UpdateNetworkRequest(routes));
  }

  /** Deletes a network (refused while a VM has a NIC on it). */
  public Accepted deleteNetwork(String idOrName) {
    return call("DELETE", "/networks/" + segment(idOrName), null);
  }

  public Page<SecurityGroup> listSecurityGroups() {
    return listSecurityGroups(Paging.FIRST_1000);
  }

  public Page<SecurityGroup> listSecurityGroups(Paging paging) {
    return get("/security-groups?" + paging.query(), http.pageOf(SecurityGroup.class));
  }

  /** A security group by id or name. */
  public SecurityGroup getSecurityGroup(String idOrName) {
    return get("/security-groups/" + segment(idOrName), http.type(SecurityGroup.class));
  }

  /** Creates a security group (no rules drops everything); its job finishes at once (no NIC carries it yet). */
  public Accepted createSecurityGroup(CreateSecurityGroupRequest request, String idempotencyKey) {
    return create("/security-groups", request, idempotencyKey);
  }

  /** Replaces a security group's name, description and rules; its job pushes them to the nodes of its NICs. */
  public Accepted replaceSecurityGroup(String idOrName, CreateSecurityGroupRequest request) {
    return call("PUT", "/security-groups/" + segment(idOrName), request);
  }

  /** Deletes a security group (refused while a VM NIC carries it). */
  public Accepted deleteSecurityGroup(String idOrName) {
    return call("DELETE", "/security-groups/" + segment(idOrName), null);
  }

  /** Sets a VM NIC's (0 = eth0) security groups in evaluation order; empty removes its filtering. */
  public Accepted setVmNicSecurityGroups(String vm, int index, List<String> securityGroups) {
    return call("PUT", "/vms/" + segment(vm) + "/nics/" + index + "/security-groups",
        new SetNicSecurityGroupsRequest(securityGroups));
  }

  public Page<PortGroup> listPortGroups() {
    return get("/port-groups?" + Paging.FIRST_1000.query(), http.pageOf(PortGroup.class));
  }

  public PortGroup getPortGroup(String idOrName) {
    return get("/port-groups/" + segment(idOrName), http.type(PortGroup.class));
  }

  /** Creates a port group (entries TCP:80,443,3306-10000 or UDP:53). */
  public Accepted createPortGroup(CreateAddressGroupRequest request, String idempotencyKey) {
    return create("/port-groups", request, idempotencyKey);
  }

  /** Replaces a port group; its job pushes the new ports to the nodes of NICs whose rules name it. */
  public Accepted replacePortGroup(String idOrName, CreateAddressGroupRequest request) {
    return call("PUT", "/port-groups/" + segment(idOrName), request);
  }

  /** Deletes a port group (refused while a security-group rule names it). */
  public Accepted deletePortGroup(String idOrName) {
    return call("DELETE", "/port-groups/" + segment(idOrName), null);
  }

  public Page<IpGroup> listIpGroups() {
    return get("/ip-groups?" + Paging.FIRST_1000.query(), http.pageOf(IpGroup.class));
  }

  public IpGroup getIpGroup(String idOrName) {
    return get("/ip-groups/" + segment(idOrName), http.type(IpGroup.class));
  }

  /** Creates an IP group (addresses, CIDRs, ranges a-b). */
  public Accepted createIpGroup(CreateAddressGroupRequest request, String idempotencyKey) {
    return create("/ip-groups", request, idempotencyKey);
  }

  /** Replaces an IP group; its job pushes the new addresses to the nodes of NICs whose rules name it. */
  public Accepted replaceIpGroup(String idOrName, CreateAddressGroupRequest request) {
    return call("PUT", "/ip-groups/" + segment(idOrName), request);
  }

  /** Deletes an IP group (refused while a security-group rule names it). */
  public Accepted deleteIpGroup(String idOrName) {
    return call("DELETE", "/ip-groups/" + segment(idOrName), null);
  }

  /** What the groups do to the first packet of a connection; changes nothing. */
  public SecurityGroupTestResult testSecurityGroups(SecurityGroupTestRequest request) {
    return http.send("POST", V1 + "/security-groups/test", request, NO_HEADERS, http.type(SecurityGroupTestResult.class));
  }

  /** Where a VM with these needs would be placed now, and every node's verdict; changes nothing. */
  public PlacementDryRun dryRunPlacement(PlacementDryRunRequest request) {
    return http.send("POST", V1 + "/placements/dry-run", request, NO_HEADERS, http.type(PlacementDryRun.class));
  }

  /** VMs, optionally only those in one state and/or on one node (nulls: no filter). */
  public Page<Vm> listVms(VmState state, String nodeId) {
    return listVms(state, nodeId, Paging.FIRST_1000);
  }
  public Page<Vm> listVms(VmState state, String nodeId, Paging paging) {
    String filter = (state == null ? "" : "state=" + state.name() + "&")
        + (nodeId == null ? "" : "nodeId=" + query(nodeId) + "&");
    return get("/vms?" + filter + paging.query(), http.pageOf(Vm.class));
  }

  public Vm getVm(String idOrName) {
    return get("/vms/" + segment(idOrName), http.type(Vm.class));
  }

  /** Creates a VM; a retry with the same non-null idempotency key and body returns the first answer. */
  public Accepted createVm(CreateVmRequest request, String idempotencyKey) {
    return create("/vms", request, idempotencyKey);
  }

  /** Renames a VM and/or changes its description (null: unchanged). */
  public Accepted updateVm(String idOrName, UpdateVmRequest request) {
    return call("PATCH", "/vms/" + segment(idOrName), request);
  }

  public Accepted startVm(String idOrName) {
    return call("POST", "/vms/" + segment(idOrName) + "/start", null);
  }

  /**
   * Graceful ACPI shutdown.
   *
   * @param timeoutSeconds 1..3600, null for the server's default of 120
   * @param force power off after the timeout; null for the server's default (true)
   */
  public Accepted stopVm(String idOrName, Integer timeoutSeconds, Boolean force) {
    StopVmRequest body = timeoutSeconds == null && force == null ? null : new StopVmRequest(timeoutSeconds, force);
    return call("POST", "/vms/" + segment(idOrName) + "/stop", body);
  }

  public Accepted powerOffVm(String idOrName) {
    return call("POST", "/vms/" + segment(idOrName) + "/poweroff", null);
  }

  public Accepted rebootVm(String idOrName) {
    return call("POST", "/vms/" + segment(idOrName) + "/reboot", null);
  }

  /** Live-migrates a running VM; {@code nodeId} null lets the scheduler choose another node of its cluster. */
  public Accepted migrateVm(String idOrName, String nodeId) {
    return call("POST", "/vms/" + segment(idOrName) + "/migrate", nodeId == null ? null : new MigrateVmRequest(nodeId, null));
  }

  /**
   * Offline migration: moves a STOPPED VM to another cluster of its CPU arch (its disks stay in the
   * shared storage); it is placed on a node of that cluster at its next start.
   */
  public Accepted migrateVmOffline(String idOrName, String clusterId) {
    return call("POST", "/vms/" + segment(idOrName) + "/migrate", new MigrateVmRequest(null, clusterId));
  }

  // --- vm operations: suspend to file, restore, resize ---

  /** Suspends a RUNNING VM to a file on the shared storage (SUSPENDED); a SUSPENDED one: NO_OP job. */
  public Accepted suspendVm(String idOrName) {
    return call("POST", "/vms/" + segment(idOrName) + "/suspend", null);
  }

  /** Restores a SUSPENDED VM from its saved memory (RUNNING, the guest continues); a RUNNING one: NO_OP job. */
  public Accepted resumeVm(String idOrName) {
    return call("POST", "/vms/" + segment(idOrName) + "/resume", null);
  }

  /**
   * Resizes a VM to a spec of its cluster, or to {@code cpu} + {@code memoryGiB}: a STOPPED VM up or
   * down, a RUNNING one CPU up only (hot-add).
   */
  public Accepted resizeVm(String idOrName, ResizeVmRequest request) {
    return call("POST", "/vms/" + segment(idOrName) + "/resize", request);
  }

  public Accepted deleteVm(String idOrName) {
    return call("DELETE", "/vms/" + segment(idOrName), null);
  }

  /** Deletes a VM; {@code deleteDisks}: its data disks go too (otherwise they are detached and stay AVAILABLE). */
  public Accepted deleteVm(String idOrName, boolean deleteDisks) {
    return call("DELETE", "/vms/" + segment(idOrName) + "?deleteDisks=" + deleteDisks, null);
  }

  // --- storage clusters and virtual disks (ADR 0021) ---

  public Page<StorageCluster> listStorageClusters() {
    return listStorageClusters(Paging.FIRST_1000);
  }

  public Page<StorageCluster> listStorageClusters(Paging paging) {
    return get("/storage-clusters?" + paging.query(), http.pageOf(StorageCluster.class));
  }

  /** A storage cluster by id or name, with its capacity, used and allocated figures. */
  public StorageCluster getStorageCluster(String idOrName) {
    return get("/storage-clusters/" + segment(idOrName), http.type(StorageCluster.class));
  }

  /** Registers storage mounted at the same path on every node of a cluster; its job checks the mount on each. */
  public Accepted createStorageCluster(CreateStorageClusterRequest request, String idempotencyKey) {
    return create("/storage-clusters", request, idempotencyKey);
  }

  /** Measures a storage cluster's capacity and use again through one of its nodes. */
  public Accepted refreshStorageCluster(String idOrName) {
    return call("POST", "/storage-clusters/" + segment(idOrName) + "/refresh", null);
  }

  /** Forgets a storage cluster without disks (never a cluster's default storage). */
  public Accepted deleteStorageCluster(String idOrName) {
    return call("DELETE", "/storage-clusters/" + segment(idOrName), null);
  }

  /** The live disks (state null) or those in one state. */
  public Page<Disk> listDisks(DiskState state) {
    return listDisks(state, Paging.FIRST_1000);
  }

  /** One page of the live disks (state null) or of those in one state. */
  public Page<Disk> listDisks(DiskState state, Paging paging) {
    return get("/disks?" + paging.query() + (state == null ? "" : "&state=" + state.name()),
        http.pageOf(Disk.class));
  }

  public Disk getDisk(String idOrName) {
    return get("/disks/" + segment(idOrName), http.type(Disk.class));
  }

  /** Creates a thin disk (10 GiB up to the admin's maximum, whole GiB). */
  public Accepted createDisk(CreateDiskRequest request, String idempotencyKey) {
    return create("/disks", request, idempotencyKey);
  }

  /** Grows a disk, online when it is attached to a running VM; disks never shrink. */
  public Accepted resizeDisk(String idOrName, int sizeGiB) {
    return call("POST", "/disks/" + segment(idOrName) + "/resize", new ResizeDiskRequest(sizeGiB));
  }

  /** Copies an AVAILABLE disk into a new one (same size and storage cluster). */
  public Accepted cloneDisk(String idOrName, String newName, String description) {
    return call("POST", "/disks/" + segment(idOrName) + "/clone", new CloneDiskRequest(newName, description));
  }

  // --- system disk growth (C4, ADR 0026) ---

  /** Grows the VM's system disk to {@code sizeGiB} (online when it runs); never shrinks. */
  public Accepted resizeSystemDisk(String vmIdOrName, int sizeGiB) {
    return call("POST", "/vms/" + segment(vmIdOrName) + "/system-disk/resize",
        new dev.vireo.api.model.ResizeSystemDiskRequest(sizeGiB));
  }

  // --- storage live migration (ADR 0026) ---

  /**
   * Moves a disk to another storage cluster of its compute cluster: live when its VM runs, offline
   * otherwise; the source is deleted once the copy is in use.
   */
  public Accepted migrateDisk(String idOrName, String storageClusterIdOrName) {
    return call("POST", "/disks/" + segment(idOrName) + "/migrate",
        new dev.vireo.api.model.MigrateDiskRequest(storageClusterIdOrName));
  }

  /**
   * Moves the VM's system disk to another storage cluster of its compute cluster (ADR 0028): live
   * when the VM runs (the job's progress follows the copy), offline when it is stopped.
   */
  public Accepted migrateSystemDisk(String vmIdOrName, String storageClusterIdOrName) {
    return call("POST", "/vms/" + segment(vmIdOrName) + "/system-disk/migrate",
        new dev.vireo.api.model.MigrateDiskRequest(storageClusterIdOrName));
  }

  /** Deletes a disk that is on no VM. */
  public Accepted deleteDisk(String idOrName) {
    return call("DELETE", "/disks/" + segment(idOrName), null);
  }

  /** The data disks of a VM, in target order. */
  public Page<Disk> listVmDisks(String vm) {
    return get("/vms/" + segment(vm) + "/disks?" + Paging.FIRST_1000.query(), http.pageOf(Disk.class));
  }

  /** Attaches a disk to a running (hot-plug) or stopped VM. */
  public Accepted attachDisk(String vm, String disk) {
    return call("POST", "/vms/" + segment(vm) + "/disks", new AttachDiskRequest(disk));
  }

  /** Detaches a disk from its VM (hot-unplug when the VM runs). */
  public Accepted detachDisk(String vm, String disk) {
    return call("DELETE", "/vms/" + segment(vm) + "/disks/" + segment(disk), null);
  }

  // --- devices (ADR 0027): a VM's USB passthrough and redirection ---

  /** The VM's USB devices, oldest first. */
  public java.util.List<dev.vireo.api.model.VmUsbDevice> listVmUsbDevices(String vm) {
    return get("/vms/" + segment(vm) + "/usb-devices", http.listOf(dev.vireo.api.model.VmUsbDevice.class));
  }

  /** Attaches a USB device: passthrough of a device of the VM's node, or redirection over TCP. */
  public Accepted attachVmUsbDevice(String vm, dev.vireo.api.model.AttachUsbRequest request) {
    return call("POST", "/vms/" + segment(vm) + "/usb-devices", request);
  }

  /** Detaches a USB device from the VM. */
  public Accepted detachVmUsbDevice(String vm, String usbId) {
    return call("DELETE", "/vms/" + segment(vm) + "/usb-devices/" + segment(usbId), null);
  }
  // --- end devices ---

  /** The tail of the VM's serial console log; {@code maxBytes} null for the server's 64 KiB. */
  public SerialLog serialLog(String idOrName, Integer maxBytes) {
    String max = maxBytes == null ? "" : "?maxBytes=" + maxBytes;
    return get("/vms/" + segment(idOrName) + "/serial-log" + max, http.type(SerialLog.class));
  }

  /** Jobs, optionally only those in one state (null: all). */
  public Page<Job> listJobs(JobState state) {
    return listJobs(state, Paging.FIRST_1000);
  }
  public Page<Job> listJobs(JobState state, Paging paging) {
    String filter = state == null ? "" : "state=" + state.name() + "&";
    return get("/jobs?" + filter + paging.query(), http.pageOf(Job.class));
  }

  public Job getJob(String jobId) {
    return get("/jobs/" + segment(jobId), http.type(Job.class));
  }

  /**
   * Polls the job until it is SUCCEEDED or FAILED and returns it (a FAILED job is returned, not
   * thrown: check {@link Job#state()}).
   *
   * @throws JobTimeoutException if it is still running after {@code timeout}
   */
  public Job waitForJob(String jobId, Duration timeout) {
    return new JobPoller(this::getJob, pollInterval).await(jobId, timeout);
  }

  // --- disk snapshots (ADR 0025) ---

  /** The disk's snapshots, oldest first. */
  public Page<dev.vireo.api.model.DiskSnapshot> listDiskSnapshots(String disk) {
    return listDiskSnapshots(disk, Paging.FIRST_1000);
  }

  public Page<dev.vireo.api.model.DiskSnapshot> listDiskSnapshots(String disk, Paging paging) {
    return get("/disks/" + segment(disk) + "/snapshots?" + paging.query(),
        http.pageOf(dev.vireo.api.model.DiskSnapshot.class));
  }

  public dev.vireo.api.model.DiskSnapshot getDiskSnapshot(String disk, String snapshot) {
    return get("/disks/" + segment(disk) + "/snapshots/" + segment(snapshot),
        http.type(dev.vireo.api.model.DiskSnapshot.class));
  }

  /** Takes a snapshot (of a running VM's disk: crash-consistent); the job's resource is the disk or its VM. */
  public Accepted createDiskSnapshot(String disk, String name, String description) {
    return call("POST", "/disks/" + segment(disk) + "/snapshots",
        new dev.vireo.api.model.CreateDiskSnapshotRequest(name, description));
  }

  public Accepted deleteDiskSnapshot(String disk, String snapshot) {
    return call("DELETE", "/disks/" + segment(disk) + "/snapshots/" + segment(snapshot), null);
  }

  /** Rolls a detached disk, or a stopped VM's, back to the snapshot. */
  public Accepted rollbackDiskSnapshot(String disk, String snapshot) {
    return call("POST", "/disks/" + segment(disk) + "/snapshots/" + segment(snapshot) + "/rollback", null);
  }

  /** A new disk with the snapshot's data, in the same storage cluster; the job's resource is the new disk. */
  public Accepted createDiskFromSnapshot(String disk, String snapshot, String newName, String description) {
    return call("POST", "/disks/" + segment(disk) + "/snapshots/" + segment(snapshot) + "/disks",
        new dev.vireo.api.model.DiskFromSnapshotRequest(newName, description));
  }

  /** The snapshots of the VM's system disk. */
  public Page<dev.vireo.api.model.DiskSnapshot> listVmSnapshots(String vm) {
    return get("/vms/" + segment(vm) + "/snapshots?" + Paging.FIRST_1000.query(),
        http.pageOf(dev.vireo.api.model.DiskSnapshot.class));
  }

  public dev.vireo.api.model.DiskSnapshot getVmSnapshot(String vm, String snapshot) {
    return get("/vms/" + segment(vm) + "/snapshots/" + segment(snapshot),
        http.type(dev.vireo.api.model.DiskSnapshot.class));
  }

  /** Takes a snapshot of the VM's system disk (in its overlay; live and crash-consistent when it runs). */
  public Accepted createVmSnapshot(String vm, String name, String description) {
    return call("POST", "/vms/" + segment(vm) + "/snapshots",
        new dev.vireo.api.model.CreateDiskSnapshotRequest(name, description));
  }

  public Accepted deleteVmSnapshot(String vm, String snapshot) {
    return call("DELETE", "/vms/" + segment(vm) + "/snapshots/" + segment(snapshot), null);
  }

  /** Rolls the system disk of a stopped VM back to the snapshot. */
  public Accepted rollbackVmSnapshot(String vm, String snapshot) {
    return call("POST", "/vms/" + segment(vm) + "/snapshots/" + segment(snapshot) + "/rollback", null);
  }

  /** A new data disk with the system disk's data at the snapshot. */
  public Accepted createDiskFromVmSnapshot(String vm, String snapshot, String newName, String description) {
    return call("POST", "/vms/" + segment(vm) + "/snapshots/" + segment(snapshot) + "/disks",
        new dev.vireo.api.model.DiskFromSnapshotRequest(newName, description));
  }

  // --- disk QoS (ADR 0025) ---

  /** The disk's I/O limits and where they come from (OVERRIDE, FORMULA, or OFF when the switch is off). */
  public dev.vireo.api.model.DiskQosLimits getDiskQos(String disk) {
    return get("/disks/" + segment(disk) + "/qos", http.type(dev.vireo.api.model.DiskQosLimits.class));
  }

  /** Sets the disk's own limits (IOPS 0..50000, MB/s 0..1000, 0 = unlimited), live on a running VM. */
  public Accepted setDiskQos(String disk, int readIops, int writeIops, int readMBps, int writeMBps) {
    return call("PUT", "/disks/" + segment(disk) + "/qos",
        new dev.vireo.api.model.SetDiskQosRequest(readIops, writeIops, readMBps, writeMBps));
  }

  // --- images from VMs, image download, reinstall, ISO eject (ADR 0029) ---

  /**
   * Downloads the image's file to {@code target}; with {@code resume} an existing partial file is
   * continued (HTTP Range). Returns the file's size. Compare {@link Image#checksumSha256()} to check it.
   */
  public long downloadImage(String idOrName, java.nio.file.Path target, boolean resume) {
    return http.download(V1 + "/images/" + segment(idOrName) + "/file", target, resume);
  }

  /** A custom image from the STOPPED VM's system disk; the answer's resource is the new image. */
  public Accepted createImageFromVm(String vm, String name, String description) {
    return call("POST", "/vms/" + segment(vm) + "/image",
        new dev.vireo.api.model.CreateImageFromVmRequest(name, description));
  }

  /** Reinstalls the VM's OS from another image of its family; {@code password} null keeps the guest's. */
  public Accepted reinstallVm(String vm, String image, String password) {
    return call("POST", "/vms/" + segment(vm) + "/reinstall", new dev.vireo.api.model.ReinstallVmRequest(image,
        password));
  }

  /** Ejects the installation ISO from the VM's CD-ROM drive. */
  public Accepted ejectCdrom(String vm) {
    return call("DELETE", "/vms/" + segment(vm) + "/cdrom", null);
  }

  // --- secure VM console (ADR 0030) ---

  /** A one-time VNC console ticket for the RUNNING VM; open it with {@link dev.vireo.api.console.ConsoleTunnel}. */
  public dev.vireo.api.model.ConsoleTicket createConsoleTicket(String vm) {
    return createConsoleTicket(vm, dev.vireo.api.model.ConsoleProtocol.VNC);
  }

  /** A one-time VNC (ADR 0030) or SPICE (ADR 0031) console ticket for a RUNNING VM. */
  public dev.vireo.api.model.ConsoleTicket createConsoleTicket(String vm, dev.vireo.api.model.ConsoleProtocol protocol) {
    return http.send("POST", V1 + "/vms/" + segment(vm) + "/console",
        new dev.vireo.api.model.CreateConsoleTicketRequest(protocol), NO_HEADERS,
        http.type(dev.vireo.api.model.ConsoleTicket.class));
  }

  /**
   * Opens the server's event stream ({@code GET /api/v1/events}) on a daemon thread of its own with
   * this client's token; it reconnects by itself and replays what it missed (see {@link EventStream}).
   */
  public EventStream events(EventStream.Listener listener) {
    return EventStream.open(server, fingerprint, http.authorization(), listener, -1);
  }

  /** Alarm templates and alarm records (ADR 0036). */
  public AlarmClient alarms() {
    return new AlarmClient(http);
  }

  /** Accounts, roles, permissions and the console security settings (ADR 0038, 0039). */
  public AccountClient accounts() {
    return new AccountClient(http);
  }

  /** The platform's branding (white paper 6.1, ADR 0044); its reads need no login. */
  public BrandingClient branding() {
    return new BrandingClient(http);
  }

  /** OAuth clients registered with the server's OAuth 2.0 provider (ADR 0043). */
  public OAuthClientClient oauthClients() {
    return new OAuthClientClient(http);
  }

  /** Metric series of nodes and VMs, and the latest value of every series (ADR 0033). */
  public MetricsClient metrics() {
    return new MetricsClient(http);
  }

  /** Notification contacts and groups, their deliveries and the SMTP settings (ADR 0034). */
  public NotificationClient notifications() {
    return new NotificationClient(http);
  }

  /** Platform settings: disks, the deletion policy and the server certificate (ADR 0045). */
  public SettingsClient settings() {
    return new SettingsClient(http);
  }

  // --- operation log (ADR 0032) ---

  /** One page of the operation log, newest first. */
  public Page<dev.vireo.api.model.OperationLogEntry> operationLogs(OperationLogFilter filter, Paging paging) {
    String q = filter.query();
    return get("/operation-logs?" + (q.isEmpty() ? "" : q + "&") + paging.query(),
        http.pageOf(dev.vireo.api.model.OperationLogEntry.class));
  }

  /** Writes the filter's entries as an Excel workbook (.xlsx) to {@code target}; returns its size. */
  public long exportOperationLogs(OperationLogFilter filter, java.nio.file.Path target) {
    return http.download(V1 + "/operation-logs/export?" + filter.query(), target, false);
  }

  // --- resource events (ADR 0035) ---

  /** One page of resource events, most recently occurred first. */
  public Page<dev.vireo.api.model.ResourceEvent> resourceEvents(ResourceEventFilter filter, Paging paging) {
    String q = filter.query();
    return get("/resource-events?" + (q.isEmpty() ? "" : q + "&") + paging.query(),
        http.pageOf(dev.vireo.api.model.ResourceEvent.class));
  }

  /** Writes the filter's events as an Excel workbook (.xlsx) to {@code target}; returns its size. */
  public long exportResourceEvents(ResourceEventFilter filter, java.nio.file.Path target) {
    return http.download(V1 + "/resource-events/export?" + filter.query(), target, false);
  }

  private <T> T get(String path, JavaType answer) {
    return http.send("GET", V1 + path, null, NO_HEADERS, answer);
  }

  private Accepted call(String method, String path, Object body) {
    return http.send(method, V1 + path, body, NO_HEADERS, http.type(Accepted.class));
  }

  private Accepted create(String path, Object body, String idempotencyKey) {
    Map<String, String> headers = idempotencyKey == null ? NO_HEADERS : Map.of("Idempotency-Key", idempotencyKey);
    return http.send("POST", V1 + path, body, headers, http.type(Accepted.class));
  }
}
