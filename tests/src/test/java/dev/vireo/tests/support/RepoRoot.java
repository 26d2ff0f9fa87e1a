package dev.vireo.tests.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (the directory holding {@code iso-builder/}) from the working dir. */
public final class RepoRoot {
  private RepoRoot() {}

  public static Path find() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("iso-builder")) && Files.exists(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("repository root not found above " + dir);
  }
}
