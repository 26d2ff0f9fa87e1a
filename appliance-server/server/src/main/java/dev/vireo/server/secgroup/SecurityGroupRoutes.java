package dev.vireo.server.secgroup;

import dev.vireo.api.model.CreateSecurityGroupRequest;
import dev.vireo.api.model.SecurityGroup;
import dev.vireo.api.model.SecurityGroupRule;
import dev.vireo.api.model.SecurityGroupTestRequest;
import dev.vireo.api.model.SecurityGroupTestResult;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.inventory.Names;
import dev.vireo.server.network.IpAddresses;
import dev.vireo.server.network.IpAddresses.Ip;
import dev.vireo.server.secgroup.SecurityRules.Direction;
import dev.vireo.server.secgroup.SecurityRules.Protocol;
import dev.vireo.server.secgroup.SecurityRules.Rule;
import dev.vireo.server.secgroup.SecurityRules.RuleSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Security groups (white paper 4.2.8, ADR 0018): CRUD of groups and their rules, recorded at once
 * (nothing to tell the nodes until NICs carry groups), and the packet tester. Rules name port groups
 * and IP groups ({@link RuleGroupRoutes}) by id or name; one that does not exist is a 422.
 */
public final class SecurityGroupRoutes {
  static final int MAX_RULES = 1000;
  private final SecurityGroupStore groups;
  private final RuleGroupStore portGroups;
  private final RuleGroupStore ipGroups;

  public SecurityGroupRoutes(SecurityGroupStore groups, RuleGroupStore portGroups, RuleGroupStore ipGroups) {
    this.groups = groups;
    this.portGroups = portGroups;
    this.ipGroups = ipGroups;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/security-groups", Access.USER, r -> Response.ok(r.page(groups.list())))
        .get("/api/v1/security-groups/{id}", Access.USER, r -> Response.ok(find(r.path("id"))))
        .post("/api/v1/security-groups", Access.USER, this::create)
        .put("/api/v1/security-groups/{id}", Access.USER, this::replace)
        .delete("/api/v1/security-groups/{id}", Access.USER, this::delete)
        .post("/api/v1/security-groups/test", Access.USER, this::test);
  }

  private SecurityGroup find(String idOrName) {
    return groups.resolve(idOrName).orElseThrow(() -> ApiException.notFound("security group", idOrName));
  }

  /** The group the request describes, its rules checked (422 naming {@code rules[i].field}). */
  private SecurityGroup checked(String id, CreateSecurityGroupRequest req, Instant createdAt) {
    String name = Names.require("name", req.name());
    String description = Names.description(req.description());
    List<SecurityGroupRule> rules = req.rules() == null ? List.of() : req.rules();
    if (rules.size() > MAX_RULES) {
      throw ApiException.invalid("rules", "at most " + MAX_RULES + " rules (got " + rules.size() + ")");
    }
    rules(name, 0, rules);
    return new SecurityGroup(id, name, description, List.copyOf(rules), createdAt);
  }

  List<Rule> rules(String name, int position, List<SecurityGroupRule> rules) {
    List<RuleSpec> specs = new ArrayList<>();
    for (SecurityGroupRule r : rules) {
      specs.add(r == null ? null : new RuleSpec(r.direction(), r.protocol(), r.ports(), r.portGroup(), r.address(),
          r.ipGroup(), r.action(), r.priority(), r.description()));
    }
    Map<String, SecurityRules.PortGroup> pgs = new HashMap<>();
    Map<String, SecurityRules.IpGroup> igs = new HashMap<>();
    for (RuleGroupStore.Row g : portGroups.list()) { // by name, then by id (an id wins over a name)
      pgs.put(g.name(), new SecurityRules.PortGroup(g.id(), g.name(), g.entries()));
    }
    for (RuleGroupStore.Row g : portGroups.list()) {
      pgs.put(g.id(), new SecurityRules.PortGroup(g.id(), g.name(), g.entries()));
    }
    for (RuleGroupStore.Row g : ipGroups.list()) {
      igs.put(g.name(), new SecurityRules.IpGroup(g.id(), g.name(), g.entries()));
    }
    for (RuleGroupStore.Row g : ipGroups.list()) {
      igs.put(g.id(), new SecurityRules.IpGroup(g.id(), g.name(), g.entries()));
    }
    return SecurityRules.check(name, position, "rules", specs, pgs, igs);
  }

  private Response create(Request r) {
    SecurityGroup g = checked(Ids.next("sg"), r.json(CreateSecurityGroupRequest.class), Instant.now());
    groups.jdbi().useTransaction(h -> {
      if (groups.nameTaken(h, g.name(), g.id())) {
        throw new ApiException(409, "conflict", "name", "name: a security group named '" + g.name() + "' already exists");
      }
      groups.insert(h, g);
    });
    return Response.ok(find(g.id()));
  }

  private Response replace(Request r) {
    SecurityGroup old = find(r.path("id"));
    SecurityGroup g = checked(old.id(), r.json(CreateSecurityGroupRequest.class), old.createdAt());
    groups.jdbi().useTransaction(h -> {
      if (groups.nameTaken(h, g.name(), g.id())) {
        throw new ApiException(409, "conflict", "name", "name: a security group named '" + g.name() + "' already exists");
      }
      groups.update(h, g);
    });
    return Response.ok(find(g.id()));
  }

  private Response delete(Request r) {
    SecurityGroup g = find(r.path("id"));
    groups.delete(g.id());
    return Response.noContent();
  }

  private Response test(Request r) {
    SecurityGroupTestRequest req = r.json(SecurityGroupTestRequest.class);
    if (req.securityGroups() == null) {
      throw ApiException.invalid("securityGroups", "is required: the groups of the NIC, in order (empty: none)");
    }
    List<List<Rule>> rules = new ArrayList<>();
    for (int i = 0; i < req.securityGroups().size(); i++) {
      String key = req.securityGroups().get(i);
      SecurityGroup g = key == null ? null : groups.resolve(key).orElse(null);
      if (g == null) {
        throw ApiException.invalid("securityGroups[" + i + "]", "security group " + key + " does not exist");
      }
      rules.add(rules(g.name(), i, g.rules()));
    }
    Direction direction = parse("direction", req.direction(), Direction.class);
    Protocol protocol = parse("protocol", req.protocol(), Protocol.class);
    if (protocol == Protocol.ALL) {
      throw ApiException.invalid("protocol", "a packet has one protocol: tcp, udp, icmpv4, icmpv6 or gre");
    }
    String field = direction == Direction.INGRESS ? "sourceAddress" : "destinationAddress";
    Ip remote = IpAddresses.parse(direction == Direction.INGRESS ? req.sourceAddress() : req.destinationAddress());
    if (remote == null) {
      throw ApiException.invalid(field, "must be an IPv4 or IPv6 address (the remote end of a "
          + direction.name().toLowerCase(Locale.ROOT) + " packet)");
    }
    if (!SecurityRules.fits(protocol, remote.bits())) {
      throw ApiException.invalid(field, protocol.name().toLowerCase(Locale.ROOT) + " needs an "
          + (protocol == Protocol.ICMPV4 ? "IPv4" : "IPv6") + " address");
    }
    boolean ports = protocol == Protocol.TCP || protocol == Protocol.UDP;
    if (ports && (req.port() == null || req.port() < 1 || req.port() > 65535)) {
      throw ApiException.invalid("port", "must be between 1 and 65535 for tcp and udp (got " + req.port() + ")");
    }
    if (!ports && req.port() != null) {
      throw ApiException.invalid("port", "must be omitted for " + protocol.name().toLowerCase(Locale.ROOT));
    }
    PacketTester.Verdict v = PacketTester.test(SecurityRules.ordered(rules), direction, protocol, remote, req.port());
    return Response.ok(new SecurityGroupTestResult(v.allowed(), v.decidedBy(), v.order()));
  }

  private static <E extends Enum<E>> E parse(String field, String value, Class<E> type) {
    try {
      return Enum.valueOf(type, value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(field, "must be one of " + java.util.Arrays.stream(type.getEnumConstants())
          .map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + " (got " + value + ")");
    }
  }
}
