package dev.vireo.client.resources;

/** One option of a choice field: the value sent to the server and the text shown. */
public record Choice(String value, String text) {
  @Override
  public String toString() {
    return text;
  }
}
