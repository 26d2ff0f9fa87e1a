package dev.vireo.api.model;

/**
 * The texts and switches of the platform's branding (white paper 6.1): site title and switches
 * (6.1.1), big-screen title (6.1.2) and the login page (6.1.3). As the body of
 * {@code PUT /api/v1/branding} a null field keeps its current value.
 */
public record BrandingSettings(String siteTitle, Boolean showHelp, Boolean showFavorites, Boolean englishConsole,
    Boolean showFailureReasons, Boolean alarmUnitMegabytes, String bigScreenTitle, String loginTitle,
    String loginTitleColor, String loginPhone, String loginInputPosition, String loginCopyright,
    String loginDescription, Boolean loginInputTransparent, String primaryColor, String accentColor) {

  /** The big screen's title: its own when set, else the site title. */
  public String effectiveBigScreenTitle() {
    return bigScreenTitle == null || bigScreenTitle.isBlank() ? siteTitle : bigScreenTitle;
  }
}
