package dev.vireo.cli;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateNetworkRequest;
import dev.vireo.api.model.Network;
import dev.vireo.api.model.NetworkRoute;
import dev.vireo.api.model.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Flat networks ({@code vireo network ...}). */
final class NetworkCommands {
  private final Session session;
  private final Output out;

  NetworkCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void run(String verb, List<String> tokens) {
    switch (verb) {
      case "list" -> list(Args.parse(tokens, Set.of(), Set.of()));
      case "show" -> show(client().getNetwork(Args.parse(tokens, Set.of(), Set.of()).target("network id or name")));
      case "create" -> create(Args.parse(tokens, Set.of("name", "cluster", "uplink", "vlan", "subnet", "gateway",
          "range", "ipv6-subnet", "ipv6-gateway", "ipv6-range", "idempotency-key"), Set.of("dhcp", "no-wait"),
          Set.of("dns", "route")));
      case "set-routes" -> setRoutes(Args.parse(tokens, Set.of(), Set.of("no-wait"), Set.of("route")));
      case "delete" -> delete(Args.parse(tokens, Set.of(), Set.of("no-wait")));
      default -> throw new UsageException("unknown command 'network " + verb + "'");
    }
  }

  private VireoClient client() {
    return session.client();
  }

  private void list(Args args) {
    args.noMorePositionalsThan(0);
    Page<Network> page = client().listNetworks();
    out.result(page, () -> out.table(List.of("ID", "NAME", "CLUSTER", "UPLINK", "VLAN", "SUBNET", "ALLOCATED"),
        page.items().stream().map(n -> Table.row(n.id(), n.name(), n.clusterId(), n.uplink(),
            n.vlanId() == null ? "untagged" : String.valueOf(n.vlanId()), n.ipv4Subnet(),
            String.valueOf(n.allocatedAddresses()))).toList()));
  }

  private void show(Network n) {
    out.result(n, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("id", n.id());
      f.put("name", n.name());
      f.put("cluster", n.clusterId());
      f.put("uplink", n.uplink());
      f.put("VLAN", n.vlanId() == null ? "untagged" : String.valueOf(n.vlanId()));
      f.put("IPv4 subnet", n.ipv4Subnet());
      f.put("IPv4 gateway", n.ipv4Gateway());
      f.put("IPv4 range", n.ipv4RangeStart() + " - " + n.ipv4RangeEnd());
      if (n.ipv6Subnet() != null) {
        f.put("IPv6 subnet", n.ipv6Subnet());
        f.put("IPv6 gateway", n.ipv6Gateway());
        f.put("IPv6 range", n.ipv6RangeStart() + " - " + n.ipv6RangeEnd());
      }
      f.put("DNS", String.join(", ", n.dnsServers()));
      f.put("DHCP", n.dhcp() ? "on" : "off");
      f.put("routes", n.routes().isEmpty() ? "(none)" : String.join(", ", n.routes().stream()
          .map(r -> r.destination() + " via " + r.nextHop()).toList()));
      f.put("allocated", String.valueOf(n.allocatedAddresses()));
      f.put("created", Human.time(n.createdAt()));
      out.fields(f);
    });
  }

  private void create(Args args) {
    args.noMorePositionalsThan(0);
    String[] range4 = range(args, "range");
    String[] range6 = range(args, "ipv6-range");
    List<NetworkRoute> routes = routes(args);
    List<String> dns = args.values("dns");
    CreateNetworkRequest request = new CreateNetworkRequest(args.required("name"), args.value("cluster"),
        args.required("uplink"), args.integer("vlan", 1, 4094), args.required("subnet"), args.value("gateway"),
        range4[0], range4[1], args.value("ipv6-subnet"), args.value("ipv6-gateway"), range6[0], range6[1],
        dns.isEmpty() ? null : dns, args.flag("dhcp") ? Boolean.TRUE : null, routes.isEmpty() ? null : routes);
    Accepted a = client().createNetwork(request, args.value("idempotency-key"));
    if (args.flag("no-wait")) {
      session.accepted(a, "network");
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    show(client().getNetwork(a.resourceId()));
  }

  private static List<NetworkRoute> routes(Args args) {
    List<NetworkRoute> routes = new ArrayList<>();
    for (String r : args.values("route")) {
      int via = r.indexOf('=');
      if (via < 0) {
        throw new UsageException("--route takes DESTINATION_CIDR=NEXT_HOP, e.g. 10.20.0.0/16=10.0.0.254");
      }
      routes.add(new NetworkRoute(r.substring(0, via), r.substring(via + 1)));
    }
    return routes;
  }

  private void setRoutes(Args args) {
    Accepted a = client().updateNetworkRoutes(args.target("network id or name"), routes(args));
    if (args.flag("no-wait")) {
      session.accepted(a, "network");
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    show(client().getNetwork(a.resourceId()));
  }

  /** {@code --range START-END} (IPv6 too: the dash never occurs in an address). */
  private static String[] range(Args args, String option) {
    String v = args.value(option);
    if (v == null) {
      return new String[] {null, null};
    }
    int dash = v.indexOf('-');
    if (dash < 0) {
      throw new UsageException("--" + option + " takes START-END, e.g. 10.0.0.100-10.0.0.199");
    }
    return new String[] {v.substring(0, dash).strip(), v.substring(dash + 1).strip()};
  }

  private void delete(Args args) {
    Accepted a = client().deleteNetwork(args.target("network id or name"));
    if (args.flag("no-wait")) {
      session.accepted(a, "network");
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    out.result(a, () -> out.line("network " + a.resourceId() + " deleted"));
  }
}
