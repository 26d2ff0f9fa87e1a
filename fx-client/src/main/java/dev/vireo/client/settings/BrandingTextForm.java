package dev.vireo.client.settings;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.BrandingSettings;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.resources.Choice;
import dev.vireo.client.resources.FormField;
import dev.vireo.client.resources.FormValues;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The branding's texts and switches (white paper 6.1, ADR 0044): site and big-screen titles, the
 * login title and its colour (one of twelve names), phone, copyright, description, where the
 * input box sits and whether it is transparent, the primary and accent colours, and the console
 * switches. The server merges the fields and checks them (422 naming the field).
 */
final class BrandingTextForm {
  static final List<String> TITLE_COLOURS = List.of("white", "black", "red", "yellow", "green", "cyan", "blue",
      "brown", "purple", "orange", "grey", "gold");
  private static final Set<String> SWITCHES = Set.of("loginInputTransparent", "showHelp", "showFavorites",
      "englishConsole", "showFailureReasons", "alarmUnitMegabytes");

  private BrandingTextForm() {}

  static SettingsForm create(VireoClient c, Background io, Messages text) {
    return new SettingsForm("branding", "settings.branding", "settings.save", List.of(
        FormField.text("siteTitle", "settings.branding.siteTitle", true),
        FormField.text("bigScreenTitle", "settings.branding.bigScreenTitle", false),
        FormField.text("loginTitle", "settings.branding.loginTitle", true),
        FormField.fixed("loginTitleColor", "settings.branding.loginTitleColor", TITLE_COLOURS.stream()
            .map(k -> new Choice(k, text.get("settings.colour." + k))).toList()),
        FormField.text("primaryColor", "settings.branding.primaryColor", false),
        FormField.text("accentColor", "settings.branding.accentColor", false),
        FormField.text("loginCopyright", "settings.branding.loginCopyright", false),
        FormField.text("loginPhone", "settings.branding.loginPhone", false),
        FormField.text("loginDescription", "settings.branding.loginDescription", false),
        FormField.fixed("loginInputPosition", "settings.branding.loginInputPosition", List.of(
            new Choice("center", text.get("settings.position.center")),
            new Choice("left", text.get("settings.position.left")),
            new Choice("right", text.get("settings.position.right")))),
        FormField.text("loginInputTransparent", "settings.branding.loginInputTransparent", false),
        FormField.text("showHelp", "settings.branding.showHelp", false),
        FormField.text("showFavorites", "settings.branding.showFavorites", false),
        FormField.text("englishConsole", "settings.branding.englishConsole", false),
        FormField.text("showFailureReasons", "settings.branding.showFailureReasons", false),
        FormField.text("alarmUnitMegabytes", "settings.branding.alarmUnitMegabytes", false)), SWITCHES,
        () -> values(c.branding().get().settings()),
        v -> new SettingsForm.Saved(values(c.branding().update(settings(v)).settings()), null), io, text);
  }

  static Map<String, String> values(BrandingSettings s) {
    Map<String, String> m = new HashMap<>();
    m.put("siteTitle", s.siteTitle());
    m.put("bigScreenTitle", s.bigScreenTitle());
    m.put("loginTitle", s.loginTitle());
    m.put("loginTitleColor", s.loginTitleColor() == null ? "green" : s.loginTitleColor());
    m.put("primaryColor", s.primaryColor());
    m.put("accentColor", s.accentColor());
    m.put("loginCopyright", s.loginCopyright());
    m.put("loginPhone", s.loginPhone());
    m.put("loginDescription", s.loginDescription());
    m.put("loginInputPosition", s.loginInputPosition() == null ? "center" : s.loginInputPosition());
    m.put("loginInputTransparent", String.valueOf(Boolean.TRUE.equals(s.loginInputTransparent())));
    m.put("showHelp", String.valueOf(Boolean.TRUE.equals(s.showHelp())));
    m.put("showFavorites", String.valueOf(Boolean.TRUE.equals(s.showFavorites())));
    m.put("englishConsole", String.valueOf(Boolean.TRUE.equals(s.englishConsole())));
    m.put("showFailureReasons", String.valueOf(Boolean.TRUE.equals(s.showFailureReasons())));
    m.put("alarmUnitMegabytes", String.valueOf(Boolean.TRUE.equals(s.alarmUnitMegabytes())));
    return m;
  }

  /** Every field is sent: a blank text clears it ("" rather than null, which would keep the old value). */
  static BrandingSettings settings(FormValues v) {
    return new BrandingSettings(v.text("siteTitle"), flag(v, "showHelp"), flag(v, "showFavorites"),
        flag(v, "englishConsole"), flag(v, "showFailureReasons"), flag(v, "alarmUnitMegabytes"), blank(v, "bigScreenTitle"),
        blank(v, "loginTitle"), v.text("loginTitleColor"), blank(v, "loginPhone"), v.text("loginInputPosition"),
        blank(v, "loginCopyright"), blank(v, "loginDescription"), flag(v, "loginInputTransparent"),
        v.text("primaryColor"), v.text("accentColor"));
  }

  private static Boolean flag(FormValues v, String field) {
    return ConsoleSecurityForm.flag(v, field);
  }

  private static String blank(FormValues v, String field) {
    String s = v.text(field);
    return s == null ? "" : s;
  }
}
