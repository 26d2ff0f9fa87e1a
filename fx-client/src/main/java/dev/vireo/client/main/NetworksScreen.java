package dev.vireo.client.main;

import dev.vireo.api.model.Network;
import dev.vireo.client.app.AppContext;
import java.util.List;

/** The flat networks (GET /api/v1/networks), read-only. */
public final class NetworksScreen extends ResourceScreen<Network> {
  public NetworksScreen(AppContext ctx) {
    super("main.nav.networks", ctx, () -> ctx.client().listNetworks().items(), List.of(
        new ResourceColumn<>("main.col.name", Network::name),
        new ResourceColumn<>("main.col.vlan", Network::vlanId),
        new ResourceColumn<>("main.col.subnet", Network::ipv4Subnet),
        new ResourceColumn<>("main.col.gateway", Network::ipv4Gateway),
        new ResourceColumn<>("main.col.allocated", Network::allocatedAddresses),
        new ResourceColumn<>("main.col.created", Network::createdAt)));
  }
}
