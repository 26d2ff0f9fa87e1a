package dev.vireo.client.networks;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.CreateNetworkRequest;
import dev.vireo.api.model.Network;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.resources.Choice;
import dev.vireo.client.resources.ClusterRegions;
import dev.vireo.client.resources.FormField;
import dev.vireo.client.resources.FormSpec;
import dev.vireo.client.resources.ResourceAction;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.List;
import java.util.UUID;

/**
 * The flat networks (GET /api/v1/networks), live on "network" events: create one (its job makes
 * every node of the cluster carry it), delete one (refused while a VM has a NIC on it).
 */
public final class NetworksScreen extends ResourceScreen<Network> {
  public NetworksScreen(AppContext ctx, ResourceSession session) {
    super("networks", "main.nav.networks", session, ClusterRegions.of(ctx.client()).byCluster(
        ResourceSource.paged(Network::id, ctx.client()::listNetworks).readBy(ctx.client()::getNetwork)
        .liveOn("network"), Network::clusterId), List.of(
        new ResourceColumn<>("main.col.name", Network::name),
        new ResourceColumn<>("main.col.vlan", Network::vlanId),
        new ResourceColumn<>("main.col.subnet", Network::ipv4Subnet),
        new ResourceColumn<>("main.col.gateway", Network::ipv4Gateway),
        new ResourceColumn<>("main.col.allocated", Network::allocatedAddresses),
        new ResourceColumn<>("main.col.created", Network::createdAt)), List.of(
        new ResourceColumn<>("networks.col.uplink", Network::uplink),
        new ResourceColumn<>("networks.col.range", n -> n.ipv4RangeStart() + " – " + n.ipv4RangeEnd()),
        new ResourceColumn<>("networks.col.ipv6", Network::ipv6Subnet),
        new ResourceColumn<>("networks.col.dns", n -> n.dnsServers() == null ? "" : String.join(", ", n.dnsServers())),
        new ResourceColumn<>("networks.col.cluster", Network::clusterId)), Network::name, actions(ctx.client()));
  }

  private static List<ResourceAction<Network>> actions(VireoClient c) {
    return List.of(
        ResourceAction.create("networks.action.create", () -> new FormSpec(List.of(
            FormField.text("name", "main.col.name", true),
            FormField.choice("clusterId", "networks.col.cluster", false, () -> c.listClusters().items().stream()
                .map(cl -> new Choice(cl.id(), cl.name())).toList()),
            FormField.text("uplink", "networks.col.uplink", false),
            FormField.text("vlanId", "main.col.vlan", false),
            FormField.text("ipv4Subnet", "main.col.subnet", true),
            FormField.text("ipv4Gateway", "main.col.gateway", false),
            FormField.text("ipv4RangeStart", "networks.col.rangeStart", false),
            FormField.text("ipv4RangeEnd", "networks.col.rangeEnd", false)),
            v -> c.createNetwork(new CreateNetworkRequest(v.text("name"), v.text("clusterId"), v.text("uplink"),
                v.integer("vlanId"), v.text("ipv4Subnet"), v.text("ipv4Gateway"), v.text("ipv4RangeStart"),
                v.text("ipv4RangeEnd"), null, null, null, null, null, null, null), UUID.randomUUID().toString()))),
        ResourceAction.run("networks.action.delete", n -> true, (Network n) -> c.deleteNetwork(n.id()))
            .confirm("networks.confirm.delete"));
  }
}
