package dev.vireo.server;

import dev.vireo.server.agent.AgentClient;
import dev.vireo.server.auth.JoinToken;
import dev.vireo.server.auth.Sessions;
import dev.vireo.server.cluster.ClusterStore;
import dev.vireo.server.cluster.InventoryBootstrap;
import dev.vireo.server.cluster.InventoryJobs;
import dev.vireo.server.cluster.InventoryRoutes;
import dev.vireo.server.config.SecretFiles;
import dev.vireo.server.config.ServerConfig;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.group.GroupJobs;
import dev.vireo.server.ha.HighAvailability;
import dev.vireo.server.group.GroupRoutes;
import dev.vireo.server.group.GroupStore;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.metrics.MetricFlusher;
import dev.vireo.server.metrics.MetricStore;
import dev.vireo.server.metrics.MetricsRoutes;
import dev.vireo.server.oplog.OperationCatalog;
import dev.vireo.server.oplog.OperationLog;
import dev.vireo.server.oplog.OperationLogKeeper;
import dev.vireo.server.oplog.OperationLogRecorder;
import dev.vireo.server.oplog.OperationLogRoutes;
import dev.vireo.server.idempotency.IdempotencyKeys;
import dev.vireo.server.image.DeleteImageJob;
import dev.vireo.server.image.ImageRoutes;
import dev.vireo.server.image.ImageStore;
import dev.vireo.server.image.ImportImageJob;
import dev.vireo.server.job.JobEngine;
import dev.vireo.server.maintenance.MaintenanceRoutes;
import dev.vireo.server.job.NoOpJob;
import dev.vireo.server.job.Submission;
import dev.vireo.server.network.GuestSeeds;
import dev.vireo.server.network.Ipam;
import dev.vireo.server.network.NetworkJobs;
import dev.vireo.server.network.NetworkRoutes;
import dev.vireo.server.secgroup.GroupRules;
import dev.vireo.server.secgroup.NicFilters;
import dev.vireo.server.secgroup.NicSecurityGroups;
import dev.vireo.server.secgroup.RuleGroupRoutes;
import dev.vireo.server.secgroup.RuleGroupStore;
import dev.vireo.server.secgroup.SecurityGroupRoutes;
import dev.vireo.server.secgroup.SecurityGroupJobs;
import dev.vireo.server.secgroup.SecurityGroupStore;
import dev.vireo.server.network.NetworkStore;
import dev.vireo.server.network.NodeDhcp;
import dev.vireo.server.node.AgentRoutes;
import dev.vireo.server.node.LockNodeJob;
import dev.vireo.server.node.NodeDeviceRoutes;
import dev.vireo.server.node.NodeLockRoutes;
import dev.vireo.server.node.NodeMonitor;
import dev.vireo.server.node.NodeStore;
import dev.vireo.server.scheduler.PlacementReservations;
import dev.vireo.server.scheduler.Scheduler;
import dev.vireo.server.spec.SpecStore;
import dev.vireo.server.store.Database;
import dev.vireo.server.tls.ServerCertificate;
import dev.vireo.server.vm.ChangeMacJob;
import dev.vireo.server.vm.CreateVmJob;
import dev.vireo.server.vm.SetNicSecurityGroupsJob;
import dev.vireo.server.vm.VmNicRoutes;
import dev.vireo.server.vm.VmUsbRoutes;
import dev.vireo.server.vm.DeleteVmJob;
import dev.vireo.server.vm.InventorySnapshots;
import dev.vireo.server.vm.PlacementRoutes;
import dev.vireo.server.vm.MigrateVmJob;
import dev.vireo.server.vm.RehomeVmJob;
import dev.vireo.server.vm.MigrateVmOfflineJob;
import dev.vireo.server.vm.VmPlacer;
import dev.vireo.server.vm.StateReconciler;
import dev.vireo.server.vm.UpdateVmJob;
import dev.vireo.server.storage.DiskJobs;
import dev.vireo.server.vm.SystemDiskRoutes;
import dev.vireo.server.storage.DiskRoutes;
import dev.vireo.server.storage.DiskSpecRoutes;
import dev.vireo.server.storage.DiskSpecStore;
import dev.vireo.server.storage.DiskQosPolicy;
import dev.vireo.server.storage.QosRoutes;
import dev.vireo.server.storage.SnapshotJobs;
import dev.vireo.server.storage.SnapshotRoutes;
import dev.vireo.server.storage.SnapshotStore;
import dev.vireo.server.storage.VmSnapshotRoutes;
import dev.vireo.server.storage.SystemDiskMigrationRoutes;
import dev.vireo.server.storage.DiskStore;
import dev.vireo.server.storage.StorageClusterJobs;
import dev.vireo.server.storage.StorageClusterRoutes;
import dev.vireo.server.storage.StorageClusterStore;
import dev.vireo.server.vm.VmHost;
import dev.vireo.server.vm.VmRoutes;
import dev.vireo.server.vm.VmStore;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management server assembled: store, job engine, routes, HTTPS listener and node monitor.
 * {@link #start} returns once the API answers; {@link #close} stops it cleanly (a kill -9 is safe too).
 */
public final class VireoServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VireoServer.class);
  public static final String ADMIN_USER = "admin";

  private final ServerConfig config;
  private final Database db;
  private final JobEngine engine;
  private final NodeMonitor monitor;
  private final HighAvailability ha;
  private final Undertow undertow;
  private final ServerCertificate certificate;
  private final dev.vireo.server.console.ConsoleRoutes console;
  private final OperationLogKeeper operationLog;
  private final MetricFlusher metricFlusher;
  private final dev.vireo.server.resourceevent.ResourceEvents resourceEvents;
  private final dev.vireo.server.notify.Notifications notifications;
  private final dev.vireo.server.auth.recovery.PasswordRecovery passwordRecovery;

  private VireoServer(ServerConfig config, Database db, JobEngine engine, NodeMonitor monitor, HighAvailability ha,
      Undertow undertow, ServerCertificate certificate, dev.vireo.server.console.ConsoleRoutes console,
      OperationLogKeeper operationLog, MetricFlusher metricFlusher,
      dev.vireo.server.resourceevent.ResourceEvents resourceEvents,
      dev.vireo.server.notify.Notifications notifications,
      dev.vireo.server.auth.recovery.PasswordRecovery passwordRecovery) {
    this.passwordRecovery = passwordRecovery;
    this.notifications = notifications;
    this.resourceEvents = resourceEvents;
    this.metricFlusher = metricFlusher;
    this.console = console;
    this.operationLog = operationLog;
    this.ha = ha;
    this.config = config;
    this.db = db;
    this.engine = engine;
    this.monitor = monitor;
    this.undertow = undertow;
    this.certificate = certificate;
  }

  public static VireoServer start(ServerConfig config) throws Exception {
    return start(config, java.time.Clock.systemUTC());
  }

  /** {@code clock}: the time of logins and tokens (lockout, password expiry, idle logout). */
  public static VireoServer start(ServerConfig config, java.time.Clock clock) throws Exception {
    Path data = config.dataDir().toAbsolutePath();
    Files.createDirectories(data);
    Files.createDirectories(config.storageRoot());
    ServerCertificate cert = ServerCertificate.loadOrCreate(data.resolve("tls"), config.publicUrl());
    SecretFiles.write(data.resolve("fingerprint"), cert.fingerprint() + "\n");
    String joinToken = SecretFiles.readOrCreateToken(data.resolve("join-token"));

    Database db = new Database(data.resolve("db"));
    var jdbi = db.jdbi();
    EventBus events = new EventBus(jdbi);
    JobEngine engine = new JobEngine(jdbi, events, config.jobWorkers());
    Submission submission = new Submission(jdbi, engine);
    IdempotencyKeys idempotency = new IdempotencyKeys(jdbi, submission);
    var permissions = dev.vireo.server.auth.PermissionCatalog.load();
    var accounts = new dev.vireo.server.auth.AccountStore(jdbi, new dev.vireo.server.auth.RoleCatalog(permissions));
    Sessions sessions = new Sessions(jdbi, Duration.ofHours(config.tokenTtlHours()), accounts,
        new dev.vireo.server.auth.SecuritySettingsStore(jdbi), clock);
    sessions.ensureAdmin(ADMIN_USER).ifPresent(password -> writeAdminCredentials(data, password));
    // login security (ADR 0041): TOTP secrets sealed under <dataDir>/totp-key (AES-256-GCM or SM4-GCM,
    // [security] sealing, ADR 0049), IP allow-lists
    var twoFactor = new dev.vireo.server.auth.twofactor.TwoFactor(jdbi,
        dev.vireo.server.auth.twofactor.SecretSealer.fromKeyFile(data.resolve("totp-key"), config.sealing()), clock);
    var allowLists = new dev.vireo.server.auth.allowlist.IpAllowLists(jdbi);
    sessions.useLoginChecks(twoFactor, allowLists);

    ClusterStore clusters = new ClusterStore(jdbi);
    SpecStore specs = new SpecStore(jdbi);
    InventoryBootstrap.ensureDefaults(jdbi, clusters, specs, InventoryBootstrap.hostArch());
    NodeStore nodes = new NodeStore(jdbi);
    ImageStore images = new ImageStore(jdbi);
    VmStore vms = new VmStore(jdbi);
    AgentClient agents = new AgentClient(config.publicUrl(), Duration.ofSeconds(config.agentTaskTimeoutSeconds()));
    NetworkStore networks = new NetworkStore(jdbi);
    Ipam ipam = new Ipam(jdbi, networks);
    NodeDhcp nodeDhcp = new NodeDhcp(jdbi, networks, ipam, nodes, agents);
    SecurityGroupStore securityGroups = new SecurityGroupStore(jdbi);
    RuleGroupStore portGroups = new RuleGroupStore(jdbi, "port_groups");
    RuleGroupStore ipGroups = new RuleGroupStore(jdbi, "ip_groups");
    GroupRules groupRules = new GroupRules(securityGroups, portGroups, ipGroups);
    NicFilters nicFilters = new NicFilters(jdbi, groupRules, nodes, agents);
    NicSecurityGroups nicGroups = new NicSecurityGroups(securityGroups, vms::version);
    SecurityGroupJobs securityGroupJobs = new SecurityGroupJobs(nicFilters, groupRules, events);
    VmHost host = new VmHost(config.storageRoot(), nodes, agents, new GuestSeeds(networks, ipam), networks, nodeDhcp,
        nicFilters);
    NetworkJobs networkJobs = new NetworkJobs(networks, nodes, agents, events, nodeDhcp);
    InventoryJobs inventoryJobs = new InventoryJobs(jdbi, clusters, specs, events);
    ImportImageJob importImage = new ImportImageJob(images, events);
    DeleteImageJob deleteImage = new DeleteImageJob(images, events);
    NoOpJob noOp = new NoOpJob();
    GroupStore groups = new GroupStore(jdbi);
    GroupJobs groupJobs = new GroupJobs(jdbi, groups, events);
    InventorySnapshots snapshots = new InventorySnapshots(nodes, vms, clusters, groups);
    // devices (ADR 0027): node GPUs and their assignment to VMs
    dev.vireo.server.device.GpuStore gpuStore = new dev.vireo.server.device.GpuStore(jdbi);
    snapshots.useGpus(gpuStore);
    host.useGpus(gpuStore);
    dev.vireo.server.device.UsbStore usbStore = new dev.vireo.server.device.UsbStore(jdbi);
    host.useUsb(usbStore);
    // One set of reservations for every placement: creates and migrations must not overcommit a node together.
    PlacementReservations placements = new PlacementReservations(Scheduler.standard());
    VmPlacer placer = new VmPlacer(vms, clusters, groups, snapshots, placements);
    MigrateVmJob migrateJob = new MigrateVmJob(vms, nodes, clusters, groups, snapshots, host, placements, events);
    VmRoutes vmRoutes = new VmRoutes(vms, images, specs, clusters, groups, host, submission, idempotency, events,
        new CreateVmJob(vms, images, placer, host, events, ipam),
        new DeleteVmJob(vms, host, events, ipam), new UpdateVmJob(vms, events), migrateJob,
        new MigrateVmOfflineJob(vms, clusters, host, events), placer, noOp, ipam, nicGroups);
    vmRoutes.useGpus(gpuStore, nodes); // devices (ADR 0027)
    RehomeVmJob rehomeJob = new RehomeVmJob(vms, host, placements, events);
    MaintenanceRoutes maintenance = new MaintenanceRoutes(nodes, vms, submission, engine, events, migrateJob,
        rehomeJob, noOp);
    StateReconciler reconciler = new StateReconciler(vms, engine, events);

    engine.register(noOp);
    engine.register(importImage);
    engine.register(deleteImage);
    engine.register(inventoryJobs.createCluster());
    engine.register(inventoryJobs.createSpec());
    engine.register(inventoryJobs.deleteSpec());
    engine.register(inventoryJobs.updateSpec());
    engine.register(inventoryJobs.updateCluster());
    NodeLockRoutes nodeLocks = new NodeLockRoutes(nodes, submission, new LockNodeJob(nodes, events, true),
        new LockNodeJob(nodes, events, false), noOp);
    nodeLocks.jobTypes().forEach(engine::register);
    engine.register(rehomeJob);
    maintenance.jobTypes().forEach(engine::register);
    vmRoutes.jobTypes().forEach(engine::register);
    // system disk growth (C4, ADR 0026)
    SystemDiskRoutes systemDiskRoutes = new SystemDiskRoutes(vms, host, submission, events);
    engine.register(systemDiskRoutes.jobType());
    groupJobs.all().forEach(engine::register);
    networkJobs.all().forEach(engine::register);
    securityGroupJobs.all().forEach(engine::register);

    // platform settings (ADR 0045): the deletion switch guards every :delete operation in the AccessGuard
    var deletionPolicy = new dev.vireo.server.settings.DeletionPolicy(jdbi);
    var diskSettings = new dev.vireo.server.settings.DiskSettingsStore(jdbi, config.diskQos(),
        config.maxSnapshotsPerDisk());
    OperationLog operations = new OperationLog(jdbi);
    OperationLogKeeper operationLog = new OperationLogKeeper(operations, events);
    // API key pairs and request signing (ADR 0042): a signed request is authenticated like a bearer token
    var apiKeys = new dev.vireo.server.apikey.ApiKeyStore(jdbi,
        dev.vireo.server.apikey.SecretSealer.fromFile(data.resolve("api-key-seal"), config.sealing()));
    // OAuth 2.0 / OpenID Connect provider (ADR 0043): its access tokens open the API like a login
    var oauth = new dev.vireo.server.oauth.OAuthProvider(jdbi, sessions, data.resolve("oauth-signing-key.pem"),
        config.publicUrl());
    var users = new dev.vireo.server.auth.UserAuthenticator(oauth.authenticator(),
        new dev.vireo.server.apikey.ApiKeySignatures(apiKeys, accounts, sessions::now,
            data.resolve("api-key-nonces")));
    ApiRouter router = new ApiRouter(users, new JoinToken(joinToken),
            new dev.vireo.server.auth.AccessGuard(jdbi, permissions, accounts,
                () -> clusters.findDefault().map(c -> c.id()).orElse(null), deletionPolicy)
            .useIpAllowLists(allowLists))
        .recordOperationsIn(new OperationLogRecorder(jdbi, operations, OperationCatalog.load()));
    new OperationLogRoutes(operations).register(router);
    MetricStore metrics = new MetricStore(jdbi);
    MetricFlusher metricFlusher = new MetricFlusher(metrics, new dev.vireo.server.metrics.DerivedMetrics(metrics, jdbi));
    new MetricsRoutes(metrics, nodes).register(router);
    // notification groups (ADR 0034): notifications.notifier() sends, notifications.groups().onDelete(..) guards
    var notifications = dev.vireo.server.notify.Notifications.start(jdbi, router,
        dev.vireo.server.notify.NotifierConfig.standard());
    var resourceEvents = new dev.vireo.server.resourceevent.ResourceEvents(jdbi, events);
    new dev.vireo.server.resourceevent.ResourceEventRoutes(resourceEvents.log()).register(router);
    // alarms and notification rules (ADR 0036) tell notification groups through the notifier
    Monitoring.alarmsAndRules(jdbi, router, metrics, notifications, operations, resourceEvents);
    PlatformRoutes.register(router, sessions, engine, events);
    new dev.vireo.server.auth.AccountRoutes(sessions).register(router);
    new dev.vireo.server.apikey.ApiKeyRoutes(apiKeys, accounts, sessions::now).register(router);
    new dev.vireo.server.auth.RoleRoutes(sessions).register(router);
    new dev.vireo.server.branding.BrandingRoutes(jdbi).register(router);
    new dev.vireo.server.auth.LoginSecurityRoutes(sessions, twoFactor, allowLists).register(router);
    var passwordRecovery = new dev.vireo.server.auth.recovery.PasswordRecovery(jdbi, sessions,
        notifications.mailer(), config.publicUrl());
    new dev.vireo.server.auth.recovery.PasswordRecoveryRoutes(passwordRecovery).register(router);
    oauth.register(router);
    new InventoryRoutes(clusters, nodes, specs, submission, idempotency, inventoryJobs).register(router);
    new ImageRoutes(jdbi, images, config.storageRoot(), submission, idempotency, importImage, deleteImage)
        .register(router);
    vmRoutes.register(router);
    systemDiskRoutes.register(router);
    VmNicRoutes nicRoutes = new VmNicRoutes(vms, submission, new ChangeMacJob(vms, host, ipam, events), nicGroups,
        new SetNicSecurityGroupsJob(jdbi, vms, nicFilters, events));
    nicRoutes.jobTypes().forEach(engine::register);
    // devices (ADR 0027): a VM's USB passthrough and redirection
    VmUsbRoutes usbRoutes = new VmUsbRoutes(vms, usbStore, host, submission, events);
    usbRoutes.register(router);
    usbRoutes.jobTypes().forEach(engine::register);
    nicRoutes.register(router);
    new GroupRoutes(groups, nodes, submission, idempotency, groupJobs).register(router);
    new NetworkRoutes(networks, clusters, submission, idempotency, networkJobs).register(router);
    new SecurityGroupRoutes(securityGroups, groupRules, submission, idempotency, securityGroupJobs, nicGroups)
        .register(router);
    new RuleGroupRoutes(portGroups, ipGroups, securityGroups, groupRules, submission, idempotency, securityGroupJobs)
        .register(router);
    new PlacementRoutes(clusters, specs, groups, snapshots, placements).register(router);
    nodeLocks.register(router);
    new NodeDeviceRoutes(nodes, agents).useGpus(gpuStore).register(router);
    maintenance.register(router);
    HighAvailability ha = new HighAvailability(nodes, clusters, vms, host, placer, submission, events, agents,
        reconciler::nodeLost, vmRoutes::start, config.heartbeatSeconds(), Duration.ofSeconds(config.nodeTimeoutSeconds()));
    ha.jobTypes().forEach(engine::register);
    reconciler.onStoppedOnItsOwn(ha.neverStop()::stoppedOnItsOwn);
    AgentRoutes agentRoutes = new AgentRoutes(nodes, clusters, agents, reconciler, events, ha, config.heartbeatSeconds());
    agentRoutes
        .onRegistered(nodeId -> nodes.get(nodeId).filter(n -> !networks.inCluster(n.clusterId()).isEmpty())
            .ifPresent(n -> submission.submit(h -> submission.job(h, networkJobs.sync(),
                new NetworkJobs.SyncContext(nodeId), "node", nodeId))))
        .register(router);

    // storage clusters and data disks (ADR 0021)
    StorageClusterStore storageClusters = new StorageClusterStore(jdbi, config.storageRoot());
    storageClusters.ensureDefaults(clusters.list());
    DiskStore diskStore = new DiskStore(jdbi);
    DiskJobs diskJobs = new DiskJobs(diskStore, storageClusters, vms, host, events);
    host.useDataDisks(diskJobs);
    diskJobs.all().forEach(engine::register);
    StorageClusterJobs storageJobs = new StorageClusterJobs(storageClusters, nodes, host, events);
    storageJobs.all().forEach(engine::register);
    new StorageClusterRoutes(storageClusters, clusters, submission, idempotency, storageJobs).register(router);
    // a node that registers is checked for its cluster's storage mounts (STORAGE_SYNC)
    agentRoutes.onRegistered(nodeId -> nodes.get(nodeId)
        .filter(n -> storageClusters.list().stream().anyMatch(sc -> sc.clusterId().equals(n.clusterId())
            && !sc.defaultForCluster()))
        .ifPresent(n -> submission.submit(h -> submission.job(h, storageJobs.sync(),
            new StorageClusterJobs.NodeContext(nodeId), "node", nodeId))));
    DiskSpecStore diskSpecs = new DiskSpecStore(jdbi, config.maxDiskGiB());
    new DiskRoutes(diskStore, storageClusters, clusters, vms, submission, idempotency, diskJobs, diskSpecs)
        .register(router);
    new DiskSpecRoutes(diskSpecs, storageClusters, clusters).register(router);

    // disk snapshots (ADR 0025)
    SnapshotStore snapshotStore = new SnapshotStore(jdbi);
    SnapshotJobs snapshotJobs = new SnapshotJobs(diskStore, snapshotStore, storageClusters, vms, host, events);
    snapshotJobs.all().forEach(engine::register);
    new SnapshotRoutes(diskStore, snapshotStore, submission, idempotency, snapshotJobs,
        diskSettings::maxSnapshotsPerDisk).register(router);
    new VmSnapshotRoutes(vms, snapshotStore, diskStore, storageClusters, clusters, submission, idempotency, snapshotJobs,
        diskSettings::maxSnapshotsPerDisk).register(router);
    // system disk storage migration (ADR 0028)
    host.useStoragePaths(id -> storageClusters.get(id).map(dev.vireo.api.model.StorageCluster::path)
        .orElseThrow(() -> new IllegalStateException("storage cluster " + id + " no longer exists")));
    SystemDiskMigrationRoutes systemDiskMigration = new SystemDiskMigrationRoutes(vms, storageClusters, snapshotStore,
        submission, host, events);
    engine.register(systemDiskMigration.jobType());
    systemDiskMigration.register(router);
    // images from VMs, reinstall, boot from a disk, ISO install (ADR 0029)
    host.useImagePaths(images::path);
    host.useBootDisks(new dev.vireo.server.storage.DataDiskBoot(diskStore, storageClusters, snapshotStore, events));
    dev.vireo.server.vm.CdromRoutes cdromRoutes = new dev.vireo.server.vm.CdromRoutes(vms, host, submission, events,
        noOp);
    engine.register(cdromRoutes.jobType());
    cdromRoutes.register(router);
    dev.vireo.server.systemdisk.ImageFromVmRoutes imageFromVm = new dev.vireo.server.systemdisk.ImageFromVmRoutes(vms,
        images, host, config.storageRoot(), submission, idempotency, events);
    engine.register(imageFromVm.jobType());
    imageFromVm.register(router);
    dev.vireo.server.systemdisk.ReinstallRoutes reinstall = new dev.vireo.server.systemdisk.ReinstallRoutes(vms, images,
        snapshotStore, host, submission, events);
    engine.register(reinstall.jobType());
    reinstall.register(router);
    // secure VM console (ADR 0030, 0031): tickets, the TLS console gateway and the SPICE proxy
    dev.vireo.server.console.ConsoleRoutes console = new dev.vireo.server.console.ConsoleRoutes(jdbi, vms, host, nodes,
        events, cert, config);
    console.register(router);
    // disk QoS (ADR 0025)
    DiskQosPolicy diskQos = new DiskQosPolicy(jdbi, diskSettings::qosEnabled);
    diskJobs.useQos(diskQos);
    QosRoutes qosRoutes = new QosRoutes(diskStore, diskQos, storageClusters, vms, host, submission);
    engine.register(qosRoutes.job());
    engine.register(qosRoutes.reapplyJob());
    qosRoutes.register(router);
    new dev.vireo.server.settings.PlatformSettingsRoutes(diskSettings, deletionPolicy, qosRoutes::reapply)
        .register(router);
    new dev.vireo.server.tls.CertificateRoutes(cert, data.resolve("fingerprint")).register(router);

    Undertow undertow = Undertow.builder()
        .addHttpsListener(config.port(), config.listen(), cert.sslContext())
        .setServerOption(UndertowOptions.ENABLE_HTTP2, true)
        // past the API's own 1 MiB limit the router reads and drops up to this much to answer 413
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, ApiRouter.MAX_REQUEST_BYTES)
        .setHandler(router.handler())
        .build();
    undertow.start();
    engine.recover();
    NodeMonitor monitor = new NodeMonitor(nodes, nodeId -> {
      agents.nodeLost(nodeId); // jobs waiting on the node fail now, with the reason
      reconciler.nodeLost(nodeId);
    }, events, Duration.ofSeconds(config.nodeTimeoutSeconds()));
    monitor.start();
    ha.start();
    LOG.info("Vireo server {} listening on {} (certificate SHA-256 {})", PlatformRoutes.VERSION, config.publicUrl(),
        cert.fingerprint());
    return new VireoServer(config, db, engine, monitor, ha, undertow, cert, console,
        operationLog, metricFlusher, resourceEvents, notifications, passwordRecovery);
  }

  private static void writeAdminCredentials(Path data, String password) {
    try {
      SecretFiles.write(data.resolve("admin-credentials"), "username=" + ADMIN_USER + "\npassword=" + password + "\n");
      LOG.info("created the built-in administrator '{}'; password in {}", ADMIN_USER, data.resolve("admin-credentials"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public ServerConfig config() {
    return config;
  }

  /** The SHA-256 fingerprint of the certificate presented now (it changes when one is uploaded, ADR 0045). */
  public String fingerprint() {
    return certificate.fingerprint();
  }

  /** The console gateway's TLS port (ADR 0030). */
  public int consolePort() {
    return console.gatewayPort();
  }

  /** The SPICE proxy's port (ADR 0031). */
  public int spiceProxyPort() {
    return console.spiceProxyPort();
  }

  public Database database() {
    return db;
  }

  /** Resource events (ADR 0035): {@code resourceEvents().listen(..)} hears each recorded event. */
  public dev.vireo.server.resourceevent.ResourceEvents resourceEvents() {
    return resourceEvents;
  }

  /** Notification groups (ADR 0034): {@code notifications().notifier().send(groupId, notification)}. */
  public dev.vireo.server.notify.Notifications notifications() {
    return notifications;
  }

  @Override
  public void close() throws Exception {
    operationLog.close();
    resourceEvents.close();
    monitor.close();
    metricFlusher.close();
    ha.close();
    console.close();
    notifications.close();
    passwordRecovery.close();
    undertow.stop();
    engine.close();
    db.close();
  }
}
