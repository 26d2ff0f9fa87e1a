package dev.vireo.client;

/**
 * Plain main class so the client starts from a classpath without the JavaFX launcher checks
 * that refuse an {@code Application} subclass as main class.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    javafx.application.Application.launch(VireoDesktopApp.class, args);
  }
}
