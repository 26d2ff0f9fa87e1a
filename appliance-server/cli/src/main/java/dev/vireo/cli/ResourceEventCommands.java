package dev.vireo.cli;

import dev.vireo.api.client.Paging;
import dev.vireo.api.client.ResourceEventFilter;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.ResourceEvent;
import dev.vireo.api.model.ResourceEventLevel;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code vireo events list|export}: resource events of VMs and nodes (white paper 5.13.1, ADR 0035). */
final class ResourceEventCommands {
  private static final Set<String> FILTERS = Set.of("region", "type", "resource", "level", "event-type", "since",
      "from", "to", "limit");
  private final Session session;
  private final Output out;

  ResourceEventCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void run(String verb, List<String> tokens) {
    Args args = Args.parse(tokens, FILTERS, Set.of());
    switch (verb) {
      case "list" -> list(args);
      case "export" -> export(args);
      default -> throw new UsageException("unknown command 'events " + verb + "'");
    }
  }

  private void list(Args args) {
    args.noMorePositionalsThan(0);
    Integer limit = args.integer("limit", 1, 1000);
    Page<ResourceEvent> page = session.client().resourceEvents(filter(args), new Paging(0, limit == null ? 100 : limit));
    out.result(page, () -> out.table(List.of("LAST", "RESOURCE", "TYPE", "EVENT", "LEVEL", "COUNT", "CONTENT"),
        page.items().stream().map(e -> Table.row(Human.time(e.lastAt()), e.resourceId(), e.resourceType(),
            e.eventType(), Human.str(e.level()), Integer.toString(e.count()), e.content())).toList()));
  }

  private void export(Args args) {
    Path file = Path.of(args.target("file (.xlsx)"));
    long bytes = session.client().exportResourceEvents(filter(args), file);
    out.line("wrote " + file + " (" + bytes + " bytes)");
  }

  private static ResourceEventFilter filter(Args args) {
    Instant to = instant(args, "to");
    Instant from = instant(args, "from");
    String since = args.value("since");
    if (since != null) {
      if (from != null) {
        throw new UsageException("--since and --from exclude each other");
      }
      from = (to == null ? Instant.now() : to).minus(OperationLogCommands.duration(since));
    }
    String type = args.value("type");
    if (type != null && !Set.of("vm", "node").contains(type.toLowerCase(Locale.ROOT))) {
      throw new UsageException("--type must be vm or node");
    }
    return new ResourceEventFilter(args.value("region"), type == null ? null : type.toLowerCase(Locale.ROOT),
        args.value("resource"), levels(args.value("level")), args.value("event-type"), from, to);
  }

  private static List<ResourceEventLevel> levels(String v) {
    List<ResourceEventLevel> levels = new ArrayList<>();
    if (v != null) {
      for (String one : v.split(",")) {
        try {
          levels.add(ResourceEventLevel.valueOf(one.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new UsageException("--level must be normal, warning or error (comma-separated)");
        }
      }
    }
    return levels;
  }

  private static Instant instant(Args args, String name) {
    String v = args.value(name);
    try {
      return v == null ? null : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new UsageException("--" + name + " must be an ISO-8601 instant such as 2026-12-07T08:00:00Z");
    }
  }
}
