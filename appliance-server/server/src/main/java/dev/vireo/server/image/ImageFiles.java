package dev.vireo.server.image;

import dev.vireo.server.job.JobFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** A finished image file: measured, checksummed, made read-only and the image AVAILABLE. */
public final class ImageFiles {
  private ImageFiles() {}

  /** Records size, virtual size and SHA-256 of the image's file and marks it AVAILABLE. */
  public static void markAvailable(ImageStore images, String imageId, boolean iso)
      throws IOException, JobFailedException, InterruptedException {
    Path file = Path.of(images.path(imageId));
    long virtual = iso ? Files.size(file) : QemuImg.info(file).virtualSize();
    images.available(imageId, Files.size(file), virtual, sha256(file));
    file.toFile().setWritable(false, false); // images are never written after import
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
