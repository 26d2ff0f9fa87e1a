package dev.vireo.server.auth;

import dev.vireo.api.model.SecuritySettings;
import dev.vireo.server.http.ApiException;

/**
 * Password rules of white paper 7.1: a configured length within 6-30, at least N of upper-case
 * letters, lower-case letters, digits and special characters, and nothing outside
 * {@code [A-Za-z0-9]} and {@code ()`~!@#$%^&*-+=_|[]{};:'"<>,.?/} (no spaces).
 */
public final class PasswordPolicy {
  static final String SPECIALS = "()`~!@#$%^&*-+=_|[]{};:'\"<>,.?/";

  private PasswordPolicy() {}

  /** Null when {@code password} satisfies {@code s}; else the rule it breaks. */
  public static String violation(String password, SecuritySettings s) {
    if (password.length() < s.passwordMinLength() || password.length() > s.passwordMaxLength()) {
      return "must be " + s.passwordMinLength() + " to " + s.passwordMaxLength() + " characters long";
    }
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean special = false;
    for (int i = 0; i < password.length(); i++) {
      char c = password.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else if (SPECIALS.indexOf(c) >= 0) {
        special = true;
      } else {
        return "may contain only letters A-Z a-z, digits 0-9 and the special characters " + SPECIALS
            + " (no spaces)";
      }
    }
    int classes = (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (special ? 1 : 0);
    if (classes < s.passwordMinCharClasses()) {
      return "must contain at least " + s.passwordMinCharClasses() + " of: upper-case letters, lower-case letters,"
          + " digits, special characters";
    }
    return null;
  }

  /** 422 naming {@code field} when {@code password} breaks a rule. */
  public static void check(String field, String password, SecuritySettings s) {
    if (password == null || password.isEmpty()) {
      throw ApiException.invalid(field, "is required");
    }
    String v = violation(password, s);
    if (v != null) {
      throw ApiException.invalid(field, v);
    }
  }
}
