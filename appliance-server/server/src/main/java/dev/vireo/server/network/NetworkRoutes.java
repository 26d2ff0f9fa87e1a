package dev.vireo.server.network;

import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.CreateNetworkRequest;
import dev.vireo.api.model.Network;
import dev.vireo.api.model.NetworkRoute;
import dev.vireo.api.model.UpdateNetworkRequest;
import dev.vireo.server.cluster.ClusterStore;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.idempotency.IdempotencyKeys;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.job.Submission;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * Flat networks (white paper 3.3, issue 4 N1). Rules against other networks are checked in the
 * transaction that records the new one: its name is unique; on the same cluster, uplink and VLAN
 * (or untagged) no two IPv4 (nor IPv6) subnets overlap; a VLAN id is used once per cluster and uplink. A
 * network is deleted only when no VM has a NIC on it (409 otherwise).
 */
public final class NetworkRoutes {
  private final NetworkStore networks;
  private final ClusterStore clusters;
  private final Submission submission;
  private final IdempotencyKeys idempotency;
  private final NetworkJobs jobs;

  public NetworkRoutes(NetworkStore networks, ClusterStore clusters, Submission submission,
      IdempotencyKeys idempotency, NetworkJobs jobs) {
    this.networks = networks;
    this.clusters = clusters;
    this.submission = submission;
    this.idempotency = idempotency;
    this.jobs = jobs;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/networks", Access.USER, r -> Response.ok(r.page(networks.list(), regionOf(r))))
        .get("/api/v1/networks/{id}", Access.USER, r -> Response.ok(find(r)))
        .post("/api/v1/networks", Access.USER, this::create)
        .patch("/api/v1/networks/{id}", Access.USER, this::update)
        .delete("/api/v1/networks/{id}", Access.USER, this::delete);
  }

  /** Region of a network: its cluster's (ADR 0039); looked up for REGION callers only. */
  private java.util.function.Function<Network, String> regionOf(Request r) {
    var regions = r.regions() == null ? java.util.Map.<String, String>of() : clusters.regionsByCluster();
    return n -> regions.get(n.clusterId());
  }

  private Network find(Request r) {
    return networks.resolve(r.path("id")).orElseThrow(() -> ApiException.notFound("network", r.path("id")));
  }

  private Response create(Request r) {
    CreateNetworkRequest req = r.json(CreateNetworkRequest.class);
    Cluster cluster = req.clusterId() == null ? clusters.defaultCluster()
        : clusters.get(req.clusterId()).orElseThrow(() -> ApiException.invalid("clusterId",
            "unknown cluster '" + req.clusterId() + "'"));
    Network n = NetworkRules.check(Ids.next("net"), cluster.id(), req);
    try {
      return Response.accepted(idempotency.create(r, h -> {
        checkAgainstOthers(h, n);
        networks.insert(h, n);
        return submission.job(h, jobs.create(), new NetworkJobs.CreateContext(n.id()), "network", n.id());
      }));
    } catch (org.jdbi.v3.core.JdbiException e) {
      if (Ipam.lostRace(e)) { // a concurrent create took the name between our check and our insert
        throw new ApiException(409, "conflict", "name", "name: a network named '" + n.name() + "' already exists");
      }
      throw e;
    }
  }

  private void checkAgainstOthers(Handle h, Network n) {
    if (networks.nameTaken(h, n.name())) {
      throw new ApiException(409, "conflict", "name", "name: a network named '" + n.name() + "' already exists");
    }
    Cidr mine = Cidr.parse(n.ipv4Subnet());
    for (Network other : networks.inCluster(h, n.clusterId())) {
      if (!other.uplink().equals(n.uplink()) || !Objects.equals(other.vlanId(), n.vlanId())) {
        continue;
      }
      Cidr theirs = Cidr.parse(other.ipv4Subnet());
      if (overlap(mine, theirs)) {
        throw ApiException.invalid("ipv4Subnet", n.ipv4Subnet() + " overlaps " + other.ipv4Subnet() + " of network "
            + other.name() + " on the same uplink " + n.uplink() + " and " + vlan(n.vlanId()));
      }
      if (n.ipv6Subnet() != null && other.ipv6Subnet() != null
          && overlap(Cidr.parse(n.ipv6Subnet()), Cidr.parse(other.ipv6Subnet()))) {
        throw ApiException.invalid("ipv6Subnet", n.ipv6Subnet() + " overlaps " + other.ipv6Subnet() + " of network "
            + other.name() + " on the same uplink " + n.uplink() + " and " + vlan(n.vlanId()));
      }
      if (n.vlanId() != null) {
        throw new ApiException(409, "conflict", "vlanId", "vlanId: VLAN " + n.vlanId() + " on uplink " + n.uplink()
            + " is already network " + other.name() + " in this cluster");
      }
    }
  }

  private static boolean overlap(Cidr a, Cidr b) {
    return a.first().compareTo(b.last()) <= 0 && b.first().compareTo(a.last()) <= 0;
  }

  private static String vlan(Integer id) {
    return id == null ? "untagged" : "VLAN " + id;
  }

  /**
   * New routes (N3): recorded with the job in one transaction; the job updates the nodes' DHCP
   * servers and pushes the routes into the running guests (ADR 0017).
   */
  private Response update(Request r) {
    Network n = find(r);
    UpdateNetworkRequest req = r.json(UpdateNetworkRequest.class);
    List<NetworkRoute> routes = NetworkRules.routes(n, req.routes());
    return Response.accepted(submission.submit(h -> {
      Network now = networks.get(h, n.id()).orElseThrow(() -> ApiException.notFound("network", n.id()));
      networks.updateRoutes(h, n.id(), routes);
      return submission.job(h, jobs.updateRoutes(), new NetworkJobs.RoutesContext(n.id(), now.routes(), routes),
          "network", n.id());
    }));
  }

  private Response delete(Request r) {
    Network n = find(r);
    return Response.accepted(submission.submit(h -> {
      int nics = networks.nicCount(h, n.id());
      if (nics > 0) {
        throw ApiException.conflict("network " + n.name() + " still has " + nics + " VM NIC(s); delete those VMs first");
      }
      return submission.job(h, jobs.delete(), new NetworkJobs.DeleteContext(n.id()), "network", n.id());
    }));
  }
}
