package dev.vireo.client.resources;

import dev.vireo.api.model.Accepted;

/**
 * A secret the server answers only when it makes the resource (an API key's secret, an OAuth
 * client's secret; it keeps a hash or a sealed copy): shown once in its own dialog with the
 * resource's identifier ({@code idLabelKey}: the identifier's label) and then dropped by the client
 * (ADR 0051). {@code accepted} names the new resource for the table.
 */
public record OneTimeSecret(Accepted accepted, String idLabelKey, String id, String secret) {
  @Override
  public String toString() {
    // never into a log line by accident
    return "OneTimeSecret[" + idLabelKey + "=" + id + ", secret=***]";
  }
}
