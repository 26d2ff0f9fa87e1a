package dev.vireo.server.secgroup;

import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateAddressGroupRequest;
import dev.vireo.api.model.IpGroup;
import dev.vireo.api.model.PortGroup;
import dev.vireo.api.model.SecurityGroup;
import dev.vireo.api.model.SecurityGroupRule;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.idempotency.IdempotencyKeys;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.job.Submission;
import dev.vireo.server.inventory.Names;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Port groups and IP groups (white paper 4.2.8.3): named lists that security-group rules reference
 * by id or name. Entries are checked on every write (422 naming {@code entries[i]}); a group that
 * a security-group rule references cannot be deleted (409). A change is recorded with its job (202);
 * new entries reach the nodes hosting NICs whose security groups name the group
 * ({@link SecurityGroupJobs}).
 */
public final class RuleGroupRoutes {
  static final int MAX_ENTRIES = 256;
  private final RuleGroupStore ports;
  private final RuleGroupStore ips;
  private final SecurityGroupStore securityGroups;
  private final GroupRules rules;
  private final Submission submission;
  private final IdempotencyKeys idempotency;
  private final SecurityGroupJobs jobs;

  public RuleGroupRoutes(RuleGroupStore ports, RuleGroupStore ips, SecurityGroupStore securityGroups,
      GroupRules rules, Submission submission, IdempotencyKeys idempotency, SecurityGroupJobs jobs) {
    this.ports = ports;
    this.ips = ips;
    this.securityGroups = securityGroups;
    this.rules = rules;
    this.submission = submission;
    this.idempotency = idempotency;
    this.jobs = jobs;
  }

  public void register(ApiRouter router) {
    Kind p = new Kind("port group", "port-group", ports, true,
        r -> new PortGroup(r.id(), r.name(), r.description(), r.entries(), r.createdAt()));
    Kind i = new Kind("IP group", "ip-group", ips, false,
        r -> new IpGroup(r.id(), r.name(), r.description(), r.entries(), r.createdAt()));
    router.get("/api/v1/port-groups", Access.USER, p::list)
        .get("/api/v1/port-groups/{id}", Access.USER, p::get)
        .post("/api/v1/port-groups", Access.USER, p::create)
        .put("/api/v1/port-groups/{id}", Access.USER, p::replace)
        .delete("/api/v1/port-groups/{id}", Access.USER, p::delete)
        .get("/api/v1/ip-groups", Access.USER, i::list)
        .get("/api/v1/ip-groups/{id}", Access.USER, i::get)
        .post("/api/v1/ip-groups", Access.USER, i::create)
        .put("/api/v1/ip-groups/{id}", Access.USER, i::replace)
        .delete("/api/v1/ip-groups/{id}", Access.USER, i::delete);
  }

  /** The routes of one kind. */
  private final class Kind {
    private final String what;
    private final String kind;
    private final RuleGroupStore store;
    private final boolean portGroup;
    private final Function<RuleGroupStore.Row, Object> view;

    Kind(String what, String kind, RuleGroupStore store, boolean portGroup, Function<RuleGroupStore.Row, Object> view) {
      this.what = what;
      this.kind = kind;
      this.store = store;
      this.portGroup = portGroup;
      this.view = view;
    }

    Response list(Request r) {
      return Response.ok(r.page(store.list().stream().map(view).toList()));
    }

    Response get(Request r) {
      return Response.ok(view.apply(find(store, what, r.path("id"))));
    }

    Response create(Request r) {
      RuleGroupStore.Row g = checked(Ids.next(portGroup ? "pg" : "ipg"), r, portGroup, Instant.now());
      Accepted a = idempotency.create(r, h -> {
        refuseTakenName(store, h, what, g);
        store.insert(h, g);
        return submission.job(h, jobs.of("CREATE", kind), new SecurityGroupJobs.Context(kind, g.id(), List.of()),
            kind, g.id());
      });
      rules.changed();
      return Response.accepted(a);
    }

    /** New entries (and name): the security groups naming the old or the new name, or the id, are affected. */
    Response replace(Request r) {
      RuleGroupStore.Row old = find(store, what, r.path("id"));
      RuleGroupStore.Row g = checked(old.id(), r, portGroup, old.createdAt());
      if (!g.name().equals(old.name())) { // a rule naming it by its old name would no longer find it
        for (SecurityGroup sg : securityGroups.list()) {
          for (SecurityGroupRule rule : sg.rules()) {
            if (rule != null && old.name().equals(portGroup ? rule.portGroup() : rule.ipGroup())) {
              throw new ApiException(409, "conflict", "name", "name: " + what + " " + old.name()
                  + " cannot be renamed while security group " + sg.name() + " names it; refer to it by id ("
                  + old.id() + ") there first");
            }
          }
        }
      }
      java.util.Set<String> affected = new java.util.LinkedHashSet<>(rules.referencing(portGroup, old));
      affected.addAll(rules.referencing(portGroup, g));
      Accepted a = submission.submit(h -> {
        refuseTakenName(store, h, what, g);
        store.update(h, g);
        return submission.job(h, jobs.of("UPDATE", kind), new SecurityGroupJobs.Context(kind, g.id(),
            List.copyOf(affected)), kind, g.id());
      });
      rules.changed();
      return Response.accepted(a);
    }

    Response delete(Request r) {
      RuleGroupStore.Row g = find(store, what, r.path("id"));
      for (SecurityGroup sg : securityGroups.list()) {
        for (SecurityGroupRule rule : sg.rules()) {
          String ref = portGroup ? rule.portGroup() : rule.ipGroup();
          if (g.id().equals(ref) || g.name().equals(ref)) {
            throw new ApiException(409, "conflict", null, what + " " + g.name() + " is used by security group "
                + sg.name());
          }
        }
      }
      Accepted a = submission.submit(h -> {
        store.delete(h, g.id());
        return submission.job(h, jobs.of("DELETE", kind), new SecurityGroupJobs.Context(kind, g.id(), List.of()),
            kind, g.id());
      });
      rules.changed();
      return Response.accepted(a);
    }
  }

  private static void refuseTakenName(RuleGroupStore store, org.jdbi.v3.core.Handle h, String what, RuleGroupStore.Row g) {
    if (store.nameTaken(h, g.name(), g.id())) {
      throw new ApiException(409, "conflict", "name", "name: a " + what + " named '" + g.name() + "' already exists");
    }
  }

  private static RuleGroupStore.Row find(RuleGroupStore store, String what, String idOrName) {
    return store.resolve(idOrName).orElseThrow(() -> ApiException.notFound(what, idOrName));
  }

  private static RuleGroupStore.Row checked(String id, Request r, boolean portGroup, Instant createdAt) {
    CreateAddressGroupRequest req = r.json(CreateAddressGroupRequest.class);
    String name = Names.require("name", req.name());
    String description = Names.description(req.description());
    List<String> entries = req.entries();
    if (entries == null || entries.isEmpty()) {
      throw ApiException.invalid("entries", "is required: at least one entry");
    }
    if (entries.size() > MAX_ENTRIES) {
      throw ApiException.invalid("entries", "at most " + MAX_ENTRIES + " entries (got " + entries.size() + ")");
    }
    if (portGroup) {
      SecurityRules.portGroupEntries("entries", entries);
    } else {
      SecurityRules.ipGroupEntries("entries", entries);
    }
    return new RuleGroupStore.Row(id, name, description, List.copyOf(entries), createdAt);
  }
}
