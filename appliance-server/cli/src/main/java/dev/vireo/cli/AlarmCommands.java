package dev.vireo.cli;

import dev.vireo.api.client.Paging;
import dev.vireo.api.model.Alarm;
import dev.vireo.api.model.AlarmSeverity;
import dev.vireo.api.model.AlarmState;
import dev.vireo.api.model.AlarmTemplate;
import dev.vireo.api.model.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code vireo alarm list|templates}: alarm records and templates (white paper 5.10.3-5.10.4, ADR 0036). */
final class AlarmCommands {
  private static final Set<String> OPTIONS = Set.of("state", "severity", "resource", "limit");
  private final Session session;
  private final Output out;

  AlarmCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void run(String verb, List<String> tokens) {
    Args args = Args.parse(tokens, OPTIONS, Set.of());
    switch (verb) {
      case "list" -> list(args);
      case "templates" -> templates(args);
      default -> throw new UsageException("unknown command 'alarm " + verb + "'");
    }
  }

  private void list(Args args) {
    args.noMorePositionalsThan(0);
    Integer limit = args.integer("limit", 1, 1000);
    Page<Alarm> page = session.client().alarms().list(values(args.value("state"), AlarmState.class, "--state"),
        values(args.value("severity"), AlarmSeverity.class, "--severity"), args.value("resource"),
        new Paging(0, limit == null ? 100 : limit));
    out.result(page, () -> out.table(List.of("STARTED", "STATE", "SEVERITY", "RESOURCE", "CONDITION", "VALUE",
            "TEMPLATE"),
        page.items().stream().map(a -> Table.row(Human.time(a.startedAt()), Human.str(a.state()),
            Human.str(a.severity()), a.resourceId(), a.metric() + " " + a.comparator() + " " + number(a.threshold())
                + (a.durationSeconds() > 0 ? " for " + a.durationSeconds() + "s" : ""),
            number(a.currentValue()), a.templateName())).toList()));
  }

  private void templates(Args args) {
    args.noMorePositionalsThan(0);
    Page<AlarmTemplate> page = session.client().alarms().listTemplates();
    out.result(page, () -> out.table(List.of("ID", "NAME", "TYPE", "RULES", "BOUND"),
        page.items().stream().map(t -> Table.row(t.id(), t.name(), t.resourceType(),
            Integer.toString(t.rules().size()), Integer.toString(t.resourceIds().size()))).toList()));
  }

  private static <E extends Enum<E>> List<E> values(String v, Class<E> type, String option) {
    List<E> out = new ArrayList<>();
    if (v != null) {
      for (String one : v.split(",")) {
        try {
          out.add(Enum.valueOf(type, one.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new UsageException(option + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
              .toLowerCase(Locale.ROOT) + " (comma-separated)");
        }
      }
    }
    return out;
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
