package dev.vireo.server.branding;

import dev.vireo.api.model.BrandingSettings;
import dev.vireo.server.http.ApiException;
import java.util.List;
import java.util.Locale;

/**
 * The rules of the branding texts (white paper 6.1): titles of 1-64 characters in any script,
 * the login title colour one of the twelve the white paper names, the input box centred, left or
 * right, a phone number of digits and {@code + - ( )}, and the product colours as {@code #RRGGBB}.
 */
final class BrandingRules {
  /** White, black, red, yellow, green, cyan, blue, brown, purple, orange, grey and gold (6.1.3). */
  static final List<String> TITLE_COLOURS = List.of("white", "black", "red", "yellow", "green", "cyan", "blue",
      "brown", "purple", "orange", "grey", "gold");
  static final List<String> INPUT_POSITIONS = List.of("center", "left", "right");

  private BrandingRules() {}

  /** {@code change} over {@code current}: each null field of the change keeps the current value. */
  static BrandingSettings merged(BrandingSettings current, BrandingSettings change) {
    return new BrandingSettings(
        pick(change.siteTitle(), current.siteTitle()),
        pick(change.showHelp(), current.showHelp()),
        pick(change.showFavorites(), current.showFavorites()),
        pick(change.englishConsole(), current.englishConsole()),
        pick(change.showFailureReasons(), current.showFailureReasons()),
        pick(change.alarmUnitMegabytes(), current.alarmUnitMegabytes()),
        pick(change.bigScreenTitle(), current.bigScreenTitle()),
        pick(change.loginTitle(), current.loginTitle()),
        pick(change.loginTitleColor(), current.loginTitleColor()),
        pick(change.loginPhone(), current.loginPhone()),
        pick(change.loginInputPosition(), current.loginInputPosition()),
        pick(change.loginCopyright(), current.loginCopyright()),
        pick(change.loginDescription(), current.loginDescription()),
        pick(change.loginInputTransparent(), current.loginInputTransparent()),
        pick(change.primaryColor(), current.primaryColor()),
        pick(change.accentColor(), current.accentColor()));
  }

  /** The settings stripped and normalised; 422 naming the first field that breaks its rule. */
  static BrandingSettings checked(BrandingSettings s) {
    return new BrandingSettings(
        text("siteTitle", s.siteTitle(), 1, 64),
        s.showHelp(), s.showFavorites(), s.englishConsole(), s.showFailureReasons(), s.alarmUnitMegabytes(),
        text("bigScreenTitle", s.bigScreenTitle(), 0, 64),
        text("loginTitle", s.loginTitle(), 1, 64),
        oneOf("loginTitleColor", s.loginTitleColor(), TITLE_COLOURS),
        phone(s.loginPhone()),
        oneOf("loginInputPosition", s.loginInputPosition(), INPUT_POSITIONS),
        text("loginCopyright", s.loginCopyright(), 0, 128),
        text("loginDescription", s.loginDescription(), 0, 512),
        s.loginInputTransparent(),
        colour("primaryColor", s.primaryColor()),
        colour("accentColor", s.accentColor()));
  }

  private static <T> T pick(T change, T current) {
    return change != null ? change : current;
  }

  private static String text(String field, String value, int min, int max) {
    String v = value == null ? "" : value.strip();
    if (v.codePointCount(0, v.length()) < min || v.codePointCount(0, v.length()) > max) {
      throw ApiException.invalid(field, min == 0 ? "must be at most " + max + " characters"
          : "must be " + min + "-" + max + " characters");
    }
    if (v.codePoints().anyMatch(c -> Character.isISOControl(c))) {
      throw ApiException.invalid(field, "must not contain control characters (line breaks, tabs)");
    }
    return v;
  }

  private static String oneOf(String field, String value, List<String> allowed) {
    String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    if (v.equals("gray")) {
      v = "grey";
    }
    if (!allowed.contains(v)) {
      throw ApiException.invalid(field, "must be one of " + allowed + " (got '" + value + "')");
    }
    return v;
  }

  private static String phone(String value) {
    String v = value == null ? "" : value.strip();
    if (v.length() > 32 || !v.matches("[0-9+()\\- ]*")) {
      throw ApiException.invalid("loginPhone", "must be at most 32 characters of digits, spaces and + - ( )");
    }
    return v;
  }

  private static String colour(String field, String value) {
    String v = value == null ? "" : value.strip();
    if (!v.matches("#[0-9A-Fa-f]{6}")) {
      throw ApiException.invalid(field, "must be a colour as #RRGGBB (got '" + value + "')");
    }
    return v.toUpperCase(Locale.ROOT);
  }
}
