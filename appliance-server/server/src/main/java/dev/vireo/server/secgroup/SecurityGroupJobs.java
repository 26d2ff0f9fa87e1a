package dev.vireo.server.secgroup;

import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Jobs of security-group, port-group and IP-group changes (ADR 0018). The request records the
 * change with its job in one transaction (so a read after the 202 sees it and a bad change is a
 * 4xx, not a failed job); the job then sends the recompiled filters to every node hosting a NIC
 * that carries an affected security group, one command per node. A node that fails makes the job
 * fail naming it; the change stays recorded (the node gets it again on the VM's next start,
 * migration or group change).
 */
public final class SecurityGroupJobs {
  /**
   * @param resourceType {@code security-group}, {@code port-group} or {@code ip-group}
   * @param affectedSecurityGroups the security groups whose NICs get new filters (none for a create
   *     or a delete: nothing can carry or name a new group, nor a deleted one)
   */
  public record Context(String resourceType, String resourceId, List<String> affectedSecurityGroups) {}

  private final NicFilters filters;
  private final GroupRules rules;
  private final EventBus events;
  private final List<JobType<Context>> all = new ArrayList<>();

  public SecurityGroupJobs(NicFilters filters, GroupRules rules, EventBus events) {
    this.filters = filters;
    this.rules = rules;
    this.events = events;
  }

  /** The job type named {@code CREATE_SECURITY_GROUP} and so on ({@code verb} CREATE, UPDATE or DELETE). */
  public JobType<Context> of(String verb, String resourceType) {
    String name = verb + "_" + resourceType.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    synchronized (all) {
      for (JobType<Context> t : all) {
        if (t.name().equals(name)) {
          return t;
        }
      }
      JobType<Context> t = type(name, verb.equals("CREATE") ? "CREATED" : verb.equals("DELETE") ? "DELETED" : "UPDATED");
      all.add(t);
      return t;
    }
  }

  /** Every type, for the job engine (recovery after a restart needs them registered). */
  public List<JobType<Context>> all() {
    for (String kind : List.of("security-group", "port-group", "ip-group")) {
      for (String verb : List.of("CREATE", "UPDATE", "DELETE")) {
        of(verb, kind);
      }
    }
    return List.copyOf(all);
  }

  private JobType<Context> type(String name, String state) {
    Step<Context> push = Step.of("Push the recompiled filters to the nodes hosting affected NICs", c -> {
      rules.changed();
      filters.applyGroups(c.affectedSecurityGroups());
    });
    return new JobType<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Class<Context> contextType() {
        return Context.class;
      }

      @Override
      public List<Step<Context>> steps() {
        return List.of(push);
      }

      @Override
      public void onSuccess(Context c) {
        events.publish(c.resourceType(), c.resourceId(), state);
      }

      @Override
      public void onFailure(Context c, String reason) {
        events.publish(c.resourceType(), c.resourceId(), state); // recorded all the same
      }
    };
  }
}
