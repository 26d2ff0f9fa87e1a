package dev.vireo.cli;

import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import dev.vireo.api.model.Page;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code vireo job list|show|wait}. */
final class JobCommands {
  private final Session session;
  private final Output out;

  JobCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void run(String verb, List<String> tokens) {
    switch (verb) {
      case "list" -> list(Args.parse(tokens, Set.of("state"), Set.of()));
      case "show" -> show(session.client().getJob(Args.parse(tokens, Set.of(), Set.of()).target("job id")));
      case "wait" -> await(Args.parse(tokens, Set.of("timeout"), Set.of()));
      default -> throw new UsageException("unknown command 'job " + verb + "'");
    }
  }

  private void list(Args args) {
    args.noMorePositionalsThan(0);
    Page<Job> page = session.client().listJobs(args.choice("state", JobState.class));
    out.result(page, () -> out.table(List.of("ID", "TYPE", "STATE", "RESOURCE", "CREATED", "ERROR"),
        page.items().stream().map(j -> Table.row(j.id(), j.type(), Human.str(j.state()),
            j.resourceType() + " " + j.resourceId(), Human.time(j.createdAt()), j.error())).toList()));
  }

  private void show(Job j) {
    out.result(j, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("id", j.id());
      f.put("type", j.type());
      f.put("state", Human.str(j.state()));
      f.put("resource", j.resourceType() + " " + j.resourceId());
      f.put("error", j.error());
      f.put("created", Human.time(j.createdAt()));
      f.put("updated", Human.time(j.updatedAt()));
      f.put("finished", Human.time(j.finishedAt()));
      f.put("progress", j.progress() == null ? null : j.progress() + " %");
      out.fields(f);
      if (j.steps() != null && !j.steps().isEmpty()) {
        out.line("");
        out.table(List.of("#", "STEP", "STATE", "ERROR"), j.steps().stream().map(s -> Table.row(
            String.valueOf(s.index()), s.name(), Human.str(s.state()), s.error())).toList());
      }
    });
  }

  private void await(Args args) {
    String id = args.target("job id");
    Integer seconds = args.integer("timeout", 1, 7 * 24 * 3600);
    Job job = session.client().waitForJob(id, seconds == null ? Session.DEFAULT_WAIT : Duration.ofSeconds(seconds));
    show(job);
    Session.succeeded(job);
  }
}
