package dev.vireo.client.resources;

/**
 * One row of a resource table: the resource, its id, the lower-case text the filter searches and
 * its region (null: none), both computed once so filtering 10,000 rows stays cheap.
 */
public record ResourceRow<T>(String id, T item, String text, String region) {
  public ResourceRow(String id, T item, String text) {
    this(id, item, text, null);
  }

  /** Whether every word occurs in the row's text. */
  boolean matches(String[] words) {
    for (String w : words) {
      if (!text.contains(w)) {
        return false;
      }
    }
    return true;
  }
}
