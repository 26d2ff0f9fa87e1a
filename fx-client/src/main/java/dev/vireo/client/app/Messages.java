package dev.vireo.client.app;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The UI's text (English and Chinese): views never hard-code user-visible strings. Each feature
 * package keeps its own {@code messages.properties} and {@code messages_zh.properties} (UTF-8)
 * beside its classes, listed in {@link #BUNDLES}; a key is looked up in that order. A missing key
 * shows as {@code !key!} so it is seen.
 */
public final class Messages {
  public static final List<String> BUNDLES = List.of("dev.vireo.client.messages", "dev.vireo.client.main.messages",
      "dev.vireo.client.login.messages", "dev.vireo.client.vms.messages", "dev.vireo.client.dashboard.messages",
      "dev.vireo.client.bigscreen.messages", "dev.vireo.client.resources.messages", "dev.vireo.client.disks.messages",
      "dev.vireo.client.networks.messages", "dev.vireo.client.secgroups.messages", "dev.vireo.client.images.messages",
      "dev.vireo.client.console.messages", "dev.vireo.client.accounts.messages",
      "dev.vireo.client.roles.messages", "dev.vireo.client.apikeys.messages", "dev.vireo.client.oauth.messages",
      "dev.vireo.client.settings.messages",
      "dev.vireo.client.specs.messages");
  private final List<ResourceBundle> bundles = new ArrayList<>();
  private final Locale locale;

  public Messages(Locale locale) {
    this.locale = locale;
    ResourceBundle.Control control = ResourceBundle.Control.getNoFallbackControl(
        ResourceBundle.Control.FORMAT_PROPERTIES);
    for (String name : BUNDLES) {
      try {
        bundles.add(ResourceBundle.getBundle(name, locale, control));
      } catch (MissingResourceException e) {
        // a feature without text yet
      }
    }
  }

  public Locale locale() {
    return locale;
  }

  /** The text of {@code key}, with {@code {0}}-style arguments filled in. */
  public String get(String key, Object... args) {
    for (ResourceBundle b : bundles) {
      if (b.containsKey(key)) {
        String pattern = b.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
      }
    }
    return "!" + key + "!";
  }

  /** Whether some bundle has the key (tests check that every key exists in both languages). */
  public boolean has(String key) {
    return bundles.stream().anyMatch(b -> b.containsKey(key));
  }
}
