package dev.vireo.client.settings;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.DiskSettings;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.resources.FormField;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The global disk settings (white paper 6.3.2, ADR 0045): whether disk QoS applies, and how many
 * manual snapshots a disk may keep (1-5, checked by the server). Switching QoS starts a job that
 * re-applies the limits; the notice names it.
 */
final class DiskSettingsForm {
  private DiskSettingsForm() {}

  static SettingsForm create(VireoClient c, Background io, Messages text) {
    return new SettingsForm("disks", "settings.disks", "settings.save", List.of(
        FormField.text("qosEnabled", "settings.disks.qosEnabled", false),
        FormField.text("maxSnapshotsPerDisk", "settings.disks.maxSnapshotsPerDisk", true)), Set.of("qosEnabled"),
        () -> values(c.settings().diskSettings()), v -> {
          DiskSettings saved = c.settings().setDiskSettings(new DiskSettings(ConsoleSecurityForm.flag(v, "qosEnabled"),
              v.integer("maxSnapshotsPerDisk")));
          return new SettingsForm.Saved(values(saved), saved.qosJobId() == null ? null
              : text.get("settings.disks.qosJob", saved.qosJobId()));
        }, io, text);
  }

  static Map<String, String> values(DiskSettings s) {
    return Map.of("qosEnabled", String.valueOf(Boolean.TRUE.equals(s.qosEnabled())),
        "maxSnapshotsPerDisk", s.maxSnapshotsPerDisk() == null ? "" : String.valueOf(s.maxSnapshotsPerDisk()));
  }
}
