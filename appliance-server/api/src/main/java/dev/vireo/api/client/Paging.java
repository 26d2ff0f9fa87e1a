package dev.vireo.api.client;

/** Which slice of a list to fetch; the server allows a limit of 1..1000. */
public record Paging(int offset, int limit) {
  /** The first 1000 items, the most one request returns. */
  public static final Paging FIRST_1000 = new Paging(0, 1000);

  public Paging {
    if (offset < 0 || limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("offset must be >= 0 and limit 1..1000");
    }
  }

  String query() {
    return "offset=" + offset + "&limit=" + limit;
  }
}
