package dev.vireo.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vireo.api.client.ApiJson;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateAddressGroupRequest;
import dev.vireo.api.model.CreateSecurityGroupRequest;
import dev.vireo.api.model.IpGroup;
import dev.vireo.api.model.PortGroup;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.SecurityGroup;
import dev.vireo.api.model.SecurityGroupRule;
import dev.vireo.api.model.SecurityGroupTestRequest;
import dev.vireo.api.model.SecurityGroupTestResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Security groups ({@code vireo security-group ...}, ADR 0018). */
final class SecurityGroupCommands {
  private final Session session;
  private final Output out;

  SecurityGroupCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void run(String verb, List<String> tokens) {
    switch (verb) {
      case "list" -> list(Args.parse(tokens, Set.of(), Set.of()));
      case "show" -> show(client().getSecurityGroup(Args.parse(tokens, Set.of(), Set.of()).target("security group id or name")));
      case "create" -> {
        Args args = Args.parse(tokens, Set.of("name", "description", "rules-file", "idempotency-key"), NO_WAIT);
        args.noMorePositionalsThan(0);
        Accepted a = client().createSecurityGroup(request(args), args.value("idempotency-key"));
        if (waited(args, a, "security group")) {
          show(client().getSecurityGroup(a.resourceId()));
        }
      }
      case "replace" -> {
        Args args = Args.parse(tokens, Set.of("name", "description", "rules-file"), NO_WAIT);
        String target = args.target("security group id or name");
        Accepted a = client().replaceSecurityGroup(target, request(args));
        if (waited(args, a, "security group")) {
          show(client().getSecurityGroup(a.resourceId()));
        }
      }
      case "delete" -> {
        Args args = Args.parse(tokens, Set.of(), NO_WAIT);
        String target = args.target("security group id or name");
        Accepted a = client().deleteSecurityGroup(target);
        if (waited(args, a, "security group")) {
          out.result(a, () -> out.line("security group " + target + " deleted"));
        }
      }
      case "test" -> test(Args.parse(tokens, Set.of("direction", "protocol", "source", "destination", "port", "vm",
          "nic"), Set.of(), Set.of("group")));
      default -> throw new UsageException("unknown command 'security-group " + verb + "'");
    }
  }

  /** {@code vireo port-group ...} and {@code vireo ip-group ...}. */
  void runGroup(String resource, String verb, List<String> tokens) {
    boolean ports = resource.equals("port-group");
    String what = ports ? "port group" : "IP group";
    Args args = Args.parse(tokens, Set.of("name", "description", "idempotency-key"), NO_WAIT, Set.of("entry"));
    switch (verb) {
      case "list" -> {
        args.noMorePositionalsThan(0);
        Page<?> model = ports ? client().listPortGroups() : client().listIpGroups();
        List<List<String>> rows = model.items().stream().map(o -> o instanceof PortGroup g
            ? Table.row(g.id(), g.name(), String.join(" ", g.entries()))
            : Table.row(((IpGroup) o).id(), ((IpGroup) o).name(), String.join(" ", ((IpGroup) o).entries()))).toList();
        out.result(model, () -> out.table(List.of("ID", "NAME", "ENTRIES"), rows));
      }
      case "show" -> showGroup(ports ? client().getPortGroup(args.target(what + " id or name"))
          : client().getIpGroup(args.target(what + " id or name")));
      case "create", "replace" -> {
        String target = verb.equals("replace") ? args.target(what + " id or name") : null;
        if (target == null) {
          args.noMorePositionalsThan(0);
        }
        // --entry values are split at commas by Args, which would cut TCP:80,443 apart: rejoin by protocol
        CreateAddressGroupRequest req = new CreateAddressGroupRequest(args.required("name"), args.value("description"),
            ports ? joinPorts(args.values("entry")) : args.values("entry"));
        String key = args.value("idempotency-key");
        Accepted a = ports ? (target == null ? client().createPortGroup(req, key) : client().replacePortGroup(target, req))
            : (target == null ? client().createIpGroup(req, key) : client().replaceIpGroup(target, req));
        if (waited(args, a, what)) {
          showGroup(ports ? client().getPortGroup(a.resourceId()) : client().getIpGroup(a.resourceId()));
        }
      }
      case "delete" -> {
        String target = args.target(what + " id or name");
        Accepted a = ports ? client().deletePortGroup(target) : client().deleteIpGroup(target);
        if (waited(args, a, what)) {
          out.result(a, () -> out.line(what + " " + target + " deleted"));
        }
      }
      default -> throw new UsageException("unknown command '" + resource + " " + verb + "'");
    }
  }

  /** {@code TCP:80}, {@code 443}, {@code UDP:53} (as Args splits them) back to {@code TCP:80,443}, {@code UDP:53}. */
  static List<String> joinPorts(List<String> parts) {
    List<String> out = new java.util.ArrayList<>();
    for (String p : parts) {
      if (p.contains(":") || out.isEmpty()) {
        out.add(p);
      } else {
        out.set(out.size() - 1, out.get(out.size() - 1) + "," + p);
      }
    }
    return out;
  }

  private void showGroup(Object group) {
    out.result(group, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      if (group instanceof PortGroup g) {
        f.put("id", g.id());
        f.put("name", g.name());
        f.put("description", g.description() == null ? "" : g.description());
        f.put("entries", String.join(" ", g.entries()));
        f.put("created", Human.time(g.createdAt()));
      } else if (group instanceof IpGroup g) {
        f.put("id", g.id());
        f.put("name", g.name());
        f.put("description", g.description() == null ? "" : g.description());
        f.put("entries", String.join(" ", g.entries()));
        f.put("created", Human.time(g.createdAt()));
      }
      out.fields(f);
    });
  }

  private static final Set<String> NO_WAIT = Set.of("no-wait");

  /** With --no-wait prints the job and returns false; else waits for it (failing the command when it fails). */
  private boolean waited(Args args, Accepted a, String what) {
    if (args.flag("no-wait")) {
      session.accepted(a, what);
      return false;
    }
    session.await(a, Session.DEFAULT_WAIT);
    return true;
  }

  private VireoClient client() {
    return session.client();
  }

  private static CreateSecurityGroupRequest request(Args args) {
    List<SecurityGroupRule> rules = null;
    String file = args.value("rules-file");
    if (file != null) {
      try {
        rules = ApiJson.newMapper().readValue(Files.readString(Path.of(file)), new TypeReference<List<SecurityGroupRule>>() {});
      } catch (IOException e) {
        throw new UsageException("--rules-file " + file + ": not a readable JSON list of rules (" + e.getMessage() + ")");
      }
    }
    return new CreateSecurityGroupRequest(args.required("name"), args.value("description"), rules);
  }

  private void list(Args args) {
    args.noMorePositionalsThan(0);
    Page<SecurityGroup> page = client().listSecurityGroups();
    out.result(page, () -> out.table(List.of("ID", "NAME", "RULES", "DESCRIPTION"),
        page.items().stream().map(g -> Table.row(g.id(), g.name(), String.valueOf(g.rules().size()),
            g.description() == null ? "" : g.description())).toList()));
  }

  private void show(SecurityGroup g) {
    out.result(g, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("id", g.id());
      f.put("name", g.name());
      f.put("description", g.description() == null ? "" : g.description());
      f.put("created", Human.time(g.createdAt()));
      out.fields(f);
      out.table(List.of("#", "DIRECTION", "PROTOCOL", "PORTS", "ADDRESS", "ACTION", "PRIORITY"),
          java.util.stream.IntStream.range(0, g.rules().size()).mapToObj(i -> {
            SecurityGroupRule r = g.rules().get(i);
            return Table.row(String.valueOf(i), r.direction(), r.portGroup() != null ? "group " + r.portGroup()
                : r.protocol(), r.ports() == null ? "" : r.ports(), r.ipGroup() != null ? "group " + r.ipGroup()
                : r.address(), r.action(), r.priority() == null ? "medium" : r.priority());
          }).toList());
    });
  }

  private void test(Args args) {
    args.noMorePositionalsThan(0);
    String vm = args.value("vm");
    if (vm != null && !args.values("group").isEmpty()) {
      throw new UsageException("give either --group ID_OR_NAME... or --vm VM [--nic N], not both");
    }
    SecurityGroupTestResult r = client().testSecurityGroups(new SecurityGroupTestRequest(
        vm == null ? args.values("group") : null, vm, vm == null ? null : Optional.ofNullable(args.integer("nic", 0, 7))
            .orElse(0), args.required("direction"), args.required("protocol"), args.value("source"),
        args.value("destination"), args.integer("port", 1, 65535)));
    out.result(r, () -> {
      out.line((r.allowed() ? "allowed" : "dropped") + " by " + r.decidedBy());
      out.line("order: " + String.join(", ", r.order()));
    });
  }
}
