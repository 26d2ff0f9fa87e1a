package dev.vireo.server.settings;

import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.DeletionPolicySettings;
import dev.vireo.api.model.DiskSettings;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import java.util.function.Function;

/**
 * GET/PUT /api/v1/settings/disks (white paper 6.3.2) and /api/v1/settings/deletion-policy (6.3.3),
 * ADR 0045. Switching disk QoS starts a job that re-applies the limits to the disks of the VMs on
 * nodes; its id is answered as {@code qosJobId}.
 */
public final class PlatformSettingsRoutes {
  private final DiskSettingsStore disks;
  private final DeletionPolicy deletion;
  private final Function<Boolean, Accepted> reapplyQos;

  public PlatformSettingsRoutes(DiskSettingsStore disks, DeletionPolicy deletion,
      Function<Boolean, Accepted> reapplyQos) {
    this.disks = disks;
    this.deletion = deletion;
    this.reapplyQos = reapplyQos;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/settings/disks", Access.USER, r -> Response.ok(disks.current()))
        .put("/api/v1/settings/disks", Access.USER, this::putDisks)
        .get("/api/v1/settings/deletion-policy", Access.USER, r -> Response.ok(deletion.current()))
        .put("/api/v1/settings/deletion-policy", Access.USER,
            r -> Response.ok(deletion.set(r.json(DeletionPolicySettings.class))));
  }

  private Response putDisks(Request r) {
    boolean before = disks.qosEnabled();
    DiskSettings now = disks.set(r.json(DiskSettings.class));
    if (now.qosEnabled() == before) {
      return Response.ok(now);
    }
    Accepted job = reapplyQos.apply(now.qosEnabled());
    return Response.ok(new DiskSettings(now.qosEnabled(), now.maxSnapshotsPerDisk(), job.jobId()));
  }
}
