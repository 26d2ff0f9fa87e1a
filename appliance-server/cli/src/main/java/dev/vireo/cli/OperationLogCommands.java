package dev.vireo.cli;

import dev.vireo.api.client.OperationLogFilter;
import dev.vireo.api.client.Paging;
import dev.vireo.api.model.OperationLogEntry;
import dev.vireo.api.model.OperationResult;
import dev.vireo.api.model.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code vireo oplog list|export}: the operation log (white paper 5.12, ADR 0032). */
final class OperationLogCommands {
  private static final Set<String> FILTERS = Set.of("module", "result", "operator", "resource", "since", "from",
      "to", "limit");
  private final Session session;
  private final Output out;

  OperationLogCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void run(String verb, List<String> tokens) {
    Args args = Args.parse(tokens, FILTERS, Set.of());
    switch (verb) {
      case "list" -> list(args);
      case "export" -> export(args);
      default -> throw new UsageException("unknown command 'oplog " + verb + "'");
    }
  }

  private void list(Args args) {
    args.noMorePositionalsThan(0);
    Integer limit = args.integer("limit", 1, 1000);
    Page<OperationLogEntry> page = session.client().operationLogs(filter(args),
        new Paging(0, limit == null ? 100 : limit));
    out.result(page, () -> out.table(List.of("TIME", "OPERATION", "MODULE", "RESOURCES", "OPERATOR", "RESULT",
            "REASON"),
        page.items().stream().map(e -> Table.row(Human.time(e.occurredAt()), e.operation(), e.module(),
            String.join(",", e.resources()), e.operator(), Human.str(e.result()), e.reason())).toList()));
  }

  private void export(Args args) {
    Path file = Path.of(args.target("file (.xlsx)"));
    long bytes = session.client().exportOperationLogs(filter(args), file);
    out.line("wrote " + file + " (" + bytes + " bytes)");
  }

  private static OperationLogFilter filter(Args args) {
    String modules = args.value("module");
    String result = args.value("result");
    Instant to = instant(args, "to");
    Instant from = instant(args, "from");
    String since = args.value("since");
    if (since != null) {
      if (from != null) {
        throw new UsageException("--since and --from exclude each other");
      }
      from = (to == null ? Instant.now() : to).minus(duration(since));
    }
    OperationResult r = null;
    if (result != null) {
      try {
        r = OperationResult.valueOf(result.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--result must be succeeded, failed or running");
      }
    }
    return new OperationLogFilter(modules == null ? List.of() : Arrays.asList(modules.split(",")), r,
        args.value("operator"), null, args.value("resource"), from, to);
  }

  private static Instant instant(Args args, String name) {
    String v = args.value(name);
    try {
      return v == null ? null : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new UsageException("--" + name + " must be an ISO-8601 instant such as 2026-12-07T08:00:00Z");
    }
  }

  /** "90m", "24h", "7d". */
  static Duration duration(String v) {
    if (v.matches("\\d{1,6}[mhd]")) {
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    throw new UsageException("--since must be a number with m, h or d, e.g. 24h or 7d");
  }
}
