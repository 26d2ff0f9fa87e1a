package dev.vireo.client.app;

import java.util.prefs.Preferences;

/**
 * The user's settings that outlive a run (window layout, theme, language, big-screen tiles), in
 * java.util.prefs under {@code dev/vireo/client}; tests use a node of their own.
 */
public final class ClientPreferences {
  private final Preferences node;

  public ClientPreferences(Preferences node) {
    this.node = node;
  }

  public static ClientPreferences user() {
    return new ClientPreferences(Preferences.userRoot().node("dev/vireo/client"));
  }

  public String get(String key, String fallback) {
    return node.get(key, fallback);
  }

  public void put(String key, String value) {
    node.put(key, value);
  }

  public double getDouble(String key, double fallback) {
    return node.getDouble(key, fallback);
  }

  public void putDouble(String key, double value) {
    node.putDouble(key, value);
  }
}
