package dev.vireo.client.main;

/** What the main window asks of the shell around it (the header's buttons, Ctrl+Q, a 401). */
public interface ShellActions {
  void logout();

  /** The session's token is no longer accepted: back to the login with "session expired". */
  void sessionExpired();

  void toggleTheme();

  /** {@code en} or {@code zh}. */
  void switchLanguage(String lang);

  void quit();

  /** Does nothing (a main window outside the app, e.g. in a test). */
  static ShellActions none() {
    return new ShellActions() {
      @Override
      public void logout() {}

      @Override
      public void sessionExpired() {}

      @Override
      public void toggleTheme() {}

      @Override
      public void switchLanguage(String lang) {}

      @Override
      public void quit() {}
    };
  }
}
