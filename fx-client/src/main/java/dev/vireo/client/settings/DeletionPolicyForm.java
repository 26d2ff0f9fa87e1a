package dev.vireo.client.settings;

import dev.vireo.api.client.VireoClient;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.resources.FormField;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The deletion policy (white paper 6.3.3, ADR 0045): while deletion is forbidden every delete is refused (409). */
final class DeletionPolicyForm {
  private DeletionPolicyForm() {}

  static SettingsForm create(VireoClient c, Background io, Messages text) {
    return new SettingsForm("deletion", "settings.deletion", "settings.save", List.of(
        FormField.text("deletionForbidden", "settings.deletion.forbidden", false)), Set.of("deletionForbidden"),
        () -> values(c.settings().deletionPolicy().deletionForbidden()),
        v -> new SettingsForm.Saved(values(c.settings().setDeletionForbidden(ConsoleSecurityForm.flag(v,
            "deletionForbidden")).deletionForbidden()), null), io, text);
  }

  private static Map<String, String> values(Boolean forbidden) {
    return Map.of("deletionForbidden", String.valueOf(Boolean.TRUE.equals(forbidden)));
  }
}
