package dev.vireo.server.inventory;

import dev.vireo.server.http.ApiException;
import java.util.regex.Pattern;

/** The naming rule of VMs, images and clusters. */
public final class Names {
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,63}");

  private Names() {}

  public static String require(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.invalid(field, "is required");
    }
    if (value.length() > 64) {
      throw ApiException.invalid(field, "must be 1-64 characters (got " + value.length() + ")");
    }
    if (!NAME.matcher(value).matches()) {
      throw ApiException.invalid(field, "must start with a letter or digit and contain only letters, digits,"
          + " spaces, '.', '_' and '-'");
    }
    return value;
  }

  public static String description(String value) {
    if (value != null && value.length() > 1024) {
      throw ApiException.invalid("description", "must be at most 1024 characters");
    }
    return value;
  }
}
