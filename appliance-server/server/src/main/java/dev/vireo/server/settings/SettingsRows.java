package dev.vireo.server.settings;

import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Named values of one area ({@code prefix.name}) in the platform_settings table. */
public final class SettingsRows {
  private final Jdbi jdbi;
  private final String prefix;

  public SettingsRows(Jdbi jdbi, String prefix) {
    this.jdbi = jdbi;
    this.prefix = prefix;
  }

  /** The area's values by name without the prefix; absent names were never set. */
  public Map<String, String> load() {
    Map<String, String> v = new HashMap<>();
    jdbi.useHandle(h -> h.createQuery("SELECT name, value FROM platform_settings WHERE name LIKE :p")
        .bind("p", prefix + "%")
        .map((rs, c) -> Map.entry(rs.getString(1).substring(prefix.length()), rs.getString(2) == null ? ""
            : rs.getString(2)))
        .forEach(e -> v.put(e.getKey(), e.getValue())));
    return v;
  }

  /** Writes the values in one transaction (insert or replace). */
  public void save(Map<String, String> values) {
    jdbi.useTransaction(h -> values.forEach((name, value) -> h.createUpdate("MERGE INTO platform_settings t"
        + " USING (VALUES (CAST(:n AS VARCHAR(80)), CAST(:v AS VARCHAR(4000)))) AS s (name, value) ON t.name = s.name"
        + " WHEN MATCHED THEN UPDATE SET t.value = s.value"
        + " WHEN NOT MATCHED THEN INSERT (name, value) VALUES (s.name, s.value)")
        .bind("n", prefix + name).bind("v", value).execute()));
  }
}
