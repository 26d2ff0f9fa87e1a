package dev.vireo.client.specs;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.CreateSpecRequest;
import dev.vireo.api.model.Spec;
import dev.vireo.api.model.UpdateSpecRequest;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.resources.Choice;
import dev.vireo.client.resources.FormField;
import dev.vireo.client.resources.FormSpec;
import dev.vireo.client.resources.FormValues;
import dev.vireo.client.resources.ResourceAction;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.List;
import java.util.stream.Stream;

/**
 * VM instance specs (white paper 4.2.2, 6.5; GET /api/v1/specs): create one (global or for a
 * cluster), modify a created or default one (VMs made from it keep their size), delete one but a
 * cluster's default. Each change is a job; the server checks the CPU and memory rules.
 */
public final class SpecsScreen extends ResourceScreen<Spec> {
  public SpecsScreen(AppContext ctx, ResourceSession session) {
    super("specs", "specs.nav.vm", session, ResourceSource.whole(Spec::id, () -> ctx.client().listSpecs(null).items())
        .liveOn("spec"), List.of(
        new ResourceColumn<>("main.col.name", Spec::name),
        new ResourceColumn<>("specs.col.cpu", Spec::cpu),
        new ResourceColumn<>("specs.col.memoryGib", Spec::memoryGiB),
        new ResourceColumn<>("specs.col.cluster", s -> s.clusterId() == null ? "*" : s.clusterId()),
        new ResourceColumn<>("specs.col.default", Spec::isDefault),
        new ResourceColumn<>("main.col.created", Spec::createdAt)), List.of(
        new ResourceColumn<>("specs.col.id", Spec::id)), Spec::name, actions(ctx.client()));
  }

  private static List<ResourceAction<Spec>> actions(VireoClient c) {
    return List.of(
        ResourceAction.create("specs.action.create", () -> new FormSpec(List.of(
            FormField.text("cpu", "specs.col.cpu", true, "2"),
            FormField.text("memoryGiB", "specs.col.memoryGib", true, "4"),
            FormField.choice("clusterId", "specs.field.cluster", false, () -> Stream.concat(
                Stream.of(new Choice("", "*")), c.listClusters().items().stream()
                    .map(k -> new Choice(k.id(), k.name()))).toList())),
            v -> c.createSpec(new CreateSpecRequest(v.text("clusterId"), v.integer("cpu"), v.integer("memoryGiB")),
                null))),
        ResourceAction.form("specs.action.modify", s -> true, s -> new FormSpec(List.of(
            FormField.text("name", "main.col.name", false, s.name()),
            FormField.text("cpu", "specs.col.cpu", true, String.valueOf(s.cpu())),
            FormField.text("memoryGiB", "specs.col.memoryGib", true, String.valueOf(s.memoryGiB()))),
            v -> c.updateSpec(s.id(), change(s, v)))),
        ResourceAction.run("specs.action.delete", s -> !s.isDefault(), (Spec s) -> c.deleteSpec(s.id()))
            .confirm("specs.confirm.delete"));
  }

  /** Only what the form changed: an untouched name then follows new values on the server ("2C4G" → "4C8G"). */
  static UpdateSpecRequest change(Spec s, FormValues v) {
    String name = v.text("name");
    Integer cpu = v.integer("cpu");
    Integer memory = v.integer("memoryGiB");
    return new UpdateSpecRequest(name == null || name.equals(s.name()) ? null : name,
        cpu == null || cpu == s.cpu() ? null : cpu, memory == null || memory == s.memoryGiB() ? null : memory);
  }
}
