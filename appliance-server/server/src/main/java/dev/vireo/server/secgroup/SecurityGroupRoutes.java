package dev.vireo.server.secgroup;

import dev.vireo.api.model.Accepted;
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
import dev.vireo.server.idempotency.IdempotencyKeys;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.job.Submission;
import dev.vireo.server.inventory.Names;
import dev.vireo.server.network.IpAddresses;
import dev.vireo.server.network.IpAddresses.Ip;
import dev.vireo.server.secgroup.SecurityRules.Direction;
import dev.vireo.server.secgroup.SecurityRules.Protocol;
import dev.vireo.server.secgroup.SecurityRules.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * Security groups (white paper 4.2.8, ADR 0018): CRUD of groups and their rules, and the packet
 * tester. A change is checked and recorded with its job in one transaction (202); the job pushes
 * the recompiled filters to the nodes hosting NICs that carry the group ({@link SecurityGroupJobs}).
 * Rules name port groups and IP groups ({@link RuleGroupRoutes}) by id or name; one that does not
 * exist is a 422. A group that a NIC carries cannot be deleted (409 naming the VMs).
 */
public final class SecurityGroupRoutes {
  static final int MAX_RULES = 1000;
  static final String KIND = "security-group";
  private final SecurityGroupStore groups;
  private final GroupRules rules;
  private final Submission submission;
  private final IdempotencyKeys idempotency;
  private final SecurityGroupJobs jobs;
  private final NicSecurityGroups nicGroups;

  public SecurityGroupRoutes(SecurityGroupStore groups, GroupRules rules, Submission submission,
      IdempotencyKeys idempotency, SecurityGroupJobs jobs, NicSecurityGroups nicGroups) {
    this.nicGroups = nicGroups;
    this.groups = groups;
    this.rules = rules;
    this.submission = submission;
    this.idempotency = idempotency;
    this.jobs = jobs;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/security-groups", Access.USER,
            r -> Response.ok(r.page(groups.list(dev.vireo.server.http.RegionClause.of(r)))))
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
  private SecurityGroup checked(String id, CreateSecurityGroupRequest req, Instant createdAt, String regionId) {
    String name = Names.require("name", req.name());
    String description = Names.description(req.description());
    List<SecurityGroupRule> list = req.rules() == null ? List.of() : req.rules();
    if (list.size() > MAX_RULES) {
      throw ApiException.invalid("rules", "at most " + MAX_RULES + " rules (got " + list.size() + ")");
    }
    rules.check(name, 0, list);
    return new SecurityGroup(id, name, description, List.copyOf(list), createdAt, regionId);
  }

  private Response create(Request r) {
    CreateSecurityGroupRequest req = r.json(CreateSecurityGroupRequest.class);
    SecurityGroup checked = checked(Ids.next("sg"), req, Instant.now(), null);
    Accepted a = idempotency.create(r, h -> {
      SecurityGroup g = withRegion(checked, dev.vireo.server.inventory.Regions.chosen(h, req.regionId()));
      refuseTakenName(h, g);
      groups.insert(h, g);
      return submission.job(h, jobs.of("CREATE", KIND), new SecurityGroupJobs.Context(KIND, g.id(), List.of()),
          KIND, g.id());
    });
    rules.changed();
    return Response.accepted(a);
  }

  private Response replace(Request r) {
    SecurityGroup old = find(r.path("id"));
    CreateSecurityGroupRequest req = r.json(CreateSecurityGroupRequest.class);
    if (req.regionId() != null && !req.regionId().strip().equals(old.regionId())) {
      throw ApiException.invalid("regionId", "a security group stays in its region (" + old.regionId()
          + "); create a new one in the other region");
    }
    SecurityGroup g = checked(old.id(), req, old.createdAt(), old.regionId());
    Accepted a = submission.submit(h -> {
      refuseTakenName(h, g);
      groups.update(h, g);
      return submission.job(h, jobs.of("UPDATE", KIND), new SecurityGroupJobs.Context(KIND, g.id(), List.of(g.id())),
          KIND, g.id());
    });
    rules.changed();
    return Response.accepted(a);
  }

  private Response delete(Request r) {
    SecurityGroup g = find(r.path("id"));
    Accepted a = submission.submit(h -> {
      List<String> vms = NicSecurityGroups.vmsUsing(h, g.id());
      if (!vms.isEmpty()) {
        throw ApiException.conflict("security group " + g.name() + " is attached to NICs of VM(s) "
            + String.join(", ", vms) + "; detach it first (PUT /api/v1/vms/{id}/nics/{index}/security-groups)");
      }
      groups.delete(h, g.id());
      return submission.job(h, jobs.of("DELETE", KIND), new SecurityGroupJobs.Context(KIND, g.id(), List.of()),
          KIND, g.id());
    });
    rules.changed();
    return Response.accepted(a);
  }

  private static SecurityGroup withRegion(SecurityGroup g, String regionId) {
    return new SecurityGroup(g.id(), g.name(), g.description(), g.rules(), g.createdAt(), regionId);
  }

  private void refuseTakenName(Handle h, SecurityGroup g) {
    if (groups.nameTaken(h, g.name(), g.id())) {
      throw new ApiException(409, "conflict", "name", "name: a security group named '" + g.name() + "' already exists");
    }
  }

  /** The ordered rules of the groups the test names, or of the NIC it names. */
  private List<Rule> testedRules(SecurityGroupTestRequest req) {
    boolean byNic = req.vmId() != null || req.nicIndex() != null;
    if (byNic && req.securityGroups() != null) {
      throw ApiException.invalid("securityGroups", "give either securityGroups or vmId and nicIndex, not both");
    }
    if (byNic) {
      if (req.vmId() == null || req.vmId().isBlank()) {
        throw ApiException.invalid("vmId", "is required with nicIndex (the VM whose NIC to test)");
      }
      if (req.nicIndex() == null) {
        throw ApiException.invalid("nicIndex", "is required with vmId (0 is the first NIC)");
      }
      NicSecurityGroups.Nic nic = nicGroups.nicCached(req.vmId().strip(), req.nicIndex()).orElseThrow(() -> ApiException.invalid("nicIndex", "VM " + req.vmId() + " has no NIC "
              + req.nicIndex()));
      return rules.orderedCached(nic.securityGroups());
    }
    if (req.securityGroups() == null) {
      throw ApiException.invalid("securityGroups", "is required: the groups of the NIC, in order (empty: none),"
          + " or give vmId and nicIndex");
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < req.securityGroups().size(); i++) {
      String key = req.securityGroups().get(i);
      SecurityGroup g = key == null ? null : groups.resolve(key).orElse(null);
      if (g == null) {
        throw ApiException.invalid("securityGroups[" + i + "]", "security group " + key + " does not exist");
      }
      ids.add(g.id());
    }
    return rules.orderedCached(ids);
  }

  private Response test(Request r) {
    SecurityGroupTestRequest req = r.json(SecurityGroupTestRequest.class);
    List<Rule> ordered = testedRules(req);
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
    PacketTester.Verdict v = PacketTester.test(ordered, direction, protocol, remote, req.port());
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
