package dev.vireo.client.login;

import dev.vireo.client.app.ClientPreferences;
import java.util.ArrayList;
import java.util.List;

/**
 * The saved {@link ConnectionProfile}s in {@link ClientPreferences} (key {@code login.profiles}):
 * one line per profile, name, URL and fingerprint separated by tabs; and the last used profile.
 */
public final class ConnectionProfiles {
  static final String KEY = "login.profiles";
  static final String LAST = "login.lastProfile";
  private final ClientPreferences prefs;

  public ConnectionProfiles(ClientPreferences prefs) {
    this.prefs = prefs;
  }

  public List<ConnectionProfile> load() {
    List<ConnectionProfile> list = new ArrayList<>();
    for (String line : prefs.get(KEY, "").split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length == 3 && !f[1].isBlank()) {
        list.add(new ConnectionProfile(f[0], f[1], f[2].isBlank() ? null : f[2]));
      }
    }
    return list;
  }

  public void save(List<ConnectionProfile> profiles) {
    StringBuilder sb = new StringBuilder();
    for (ConnectionProfile p : profiles) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(clean(p.name())).append('\t').append(clean(p.serverUrl())).append('\t')
          .append(p.fingerprint() == null ? "" : clean(p.fingerprint()));
    }
    prefs.put(KEY, sb.toString());
  }

  /** The name of the profile used last, or null. */
  public String lastUsed() {
    String name = prefs.get(LAST, "");
    return name.isEmpty() ? null : name;
  }

  public void markUsed(ConnectionProfile profile) {
    prefs.put(LAST, clean(profile.name()));
  }

  private static String clean(String s) {
    return s == null ? "" : s.replaceAll("[\t\r\n]", " ").strip();
  }
}
