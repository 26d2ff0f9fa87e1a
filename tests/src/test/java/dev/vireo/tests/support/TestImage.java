package dev.vireo.tests.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tiny real guest every end-to-end test boots: {@code $VIREO_TEST_IMAGE}, else built (once
 * per machine, cached) by {@code iso-builder/build-test-image.sh}.
 */
public final class TestImage {
  private static Path cached;

  private TestImage() {}

  public static synchronized Path path() {
    if (cached != null) {
      return cached;
    }
    String env = System.getenv("VIREO_TEST_IMAGE");
    if (env != null && !env.isBlank() && Files.isRegularFile(Path.of(env))) {
      cached = Path.of(env);
      return cached;
    }
    Path script = RepoRoot.find().resolve("iso-builder/build-test-image.sh");
    String out = Commands.check(List.of("bash", script.toString()), 1800).strip();
    String last = out.substring(out.lastIndexOf('\n') + 1).strip();
    Path image = Path.of(last);
    if (!Files.isRegularFile(image)) {
      throw new IllegalStateException("build-test-image.sh did not print an image path: " + last);
    }
    cached = image;
    return cached;
  }

  private static Path installer;

  /**
   * The test installer ISO (BIOS): boots the test guest's kernel in installer mode, which writes
   * the guest onto the VM's first virtio disk, prints VIREO-INSTALLED and powers off. Built once per
   * machine by {@code iso-builder/build-test-image.sh --installer}.
   */
  public static synchronized Path installerIso() {
    if (installer != null) {
      return installer;
    }
    Path script = RepoRoot.find().resolve("iso-builder/build-test-image.sh");
    String out = Commands.check(List.of("bash", script.toString(), "--installer"), 1800).strip();
    Path iso = Path.of(out.substring(out.lastIndexOf('\n') + 1).strip());
    if (!Files.isRegularFile(iso)) {
      throw new IllegalStateException("build-test-image.sh --installer did not print an ISO path: " + iso);
    }
    installer = iso;
    return installer;
  }
}
