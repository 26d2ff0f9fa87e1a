package dev.vireo.client.resources;

/** One row of a resource table: the resource, its id, and the lower-case text the filter searches. */
public record ResourceRow<T>(String id, T item, String text) {
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
