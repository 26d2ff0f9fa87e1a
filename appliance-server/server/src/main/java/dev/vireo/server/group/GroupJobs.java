package dev.vireo.server.group;

import dev.vireo.api.model.GroupKind;
import dev.vireo.api.model.GroupRelation;
import dev.vireo.api.model.GroupStrictness;
import dev.vireo.api.model.IsolationGroup;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Jobs that change isolation groups (inventory only: nothing on the nodes changes). */
public final class GroupJobs {
  /** A new group, in region {@code regionId} (ADR 0047). */
  public record CreateContext(String groupId, String name, GroupKind kind, GroupRelation relation,
      GroupStrictness strictness, List<String> nodeIds, String regionId) {}

  /** A node group's new set of nodes. */
  public record NodesContext(String groupId, List<String> nodeIds) {}

  /** A group to remove. */
  public record DeleteContext(String groupId) {}

  private final Jdbi jdbi;
  private final GroupStore groups;
  private final EventBus events;

  public GroupJobs(Jdbi jdbi, GroupStore groups, EventBus events) {
    this.jdbi = jdbi;
    this.groups = groups;
    this.events = events;
  }

  public List<JobType<?>> all() {
    return List.of(create(), setNodes(), delete());
  }

  public JobType<CreateContext> create() {
    return JobType.single("CREATE_GROUP", CreateContext.class, Step.of("Record group", c -> {
      if (groups.get(c.groupId()).isPresent()) {
        return;
      }
      jdbi.useTransaction(h -> groups.insert(h, new IsolationGroup(c.groupId(), c.name(), c.kind(), c.relation(),
          c.strictness(), c.nodeIds(), List.of(), Instant.now(), c.regionId())));
      events.publish("group", c.groupId(), "CREATED");
    }));
  }

  public JobType<NodesContext> setNodes() {
    return JobType.single("SET_GROUP_NODES", NodesContext.class, Step.of("Record the group's nodes", c -> {
      if (groups.get(c.groupId()).isEmpty()) {
        throw new JobFailedException("group " + c.groupId() + " no longer exists");
      }
      groups.setNodes(c.groupId(), c.nodeIds());
      events.publish("group", c.groupId(), "UPDATED");
    }));
  }

  public JobType<DeleteContext> delete() {
    return JobType.single("DELETE_GROUP", DeleteContext.class, Step.of("Remove group", c -> {
      // checked again here: a VM may have joined between the request and this step
      int members = jdbi.withHandle(h -> groups.liveVmCount(h, c.groupId()));
      if (members > 0) {
        throw new JobFailedException("group " + c.groupId() + " has " + members + " VM(s) now; delete them first");
      }
      groups.delete(c.groupId());
      events.publish("group", c.groupId(), "DELETED");
    }));
  }
}
