package dev.vireo.server.oauth;

import dev.vireo.api.model.OAuthSigningKey;
import dev.vireo.api.model.RotatedSigningKey;
import dev.vireo.server.config.SecretFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ID-token signing keys: the current one signs, and the one it replaced stays in the JWK Set
 * so that tokens signed just before a rotation still verify. An administrator rotates (e.g. after
 * a suspected leak); a second rotation drops the oldest key, whose tokens then no longer verify.
 * Rotation is crash-safe: the new key is written aside, the current one copied to the previous
 * file, then the new one moved in place, each step atomic; a crash between steps leaves either the
 * old pair or the old key published twice (ADR 0043).
 */
final class SigningKeys {
  private final Path currentFile;
  private final Path previousFile;
  private final Path nextFile;
  private volatile SigningKey current;
  private volatile SigningKey previous;

  SigningKeys(Path currentFile) throws Exception {
    this.currentFile = currentFile;
    this.previousFile = currentFile.resolveSibling(currentFile.getFileName() + ".previous");
    this.nextFile = currentFile.resolveSibling(currentFile.getFileName() + ".next");
    Files.deleteIfExists(nextFile); // a rotation that crashed before its last step
    this.current = SigningKey.loadOrCreate(currentFile);
    SigningKey old = Files.exists(previousFile) ? SigningKey.load(previousFile) : null;
    this.previous = old == null || old.keyId().equals(current.keyId()) ? null : old;
  }

  SigningKey current() {
    return current;
  }

  /** The keys tokens may be verified with, current first (RFC 7517 JWK Set). */
  Map<String, Object> jwks() {
    List<Map<String, Object>> keys = new ArrayList<>();
    keys.add(current.jwk());
    SigningKey p = previous;
    if (p != null) {
      keys.add(p.jwk());
    }
    return Map.of("keys", keys);
  }

  /** The published keys, current first. */
  List<OAuthSigningKey> list() throws Exception {
    List<OAuthSigningKey> out = new ArrayList<>();
    out.add(new OAuthSigningKey(current.keyId(), true, modified(currentFile)));
    SigningKey p = previous;
    if (p != null) {
      out.add(new OAuthSigningKey(p.keyId(), false, modified(previousFile)));
    }
    return out;
  }

  /** Makes a new current key; the current one becomes the previous, the previous one is dropped. */
  synchronized RotatedSigningKey rotate() throws Exception {
    SigningKey next = SigningKey.create(nextFile);
    SecretFiles.write(previousFile, Files.readString(currentFile));
    Files.move(nextFile, currentFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    previous = current;
    current = next;
    return new RotatedSigningKey(next.keyId(), previous.keyId());
  }

  private static Instant modified(Path file) throws java.io.IOException {
    return Instant.ofEpochMilli(Files.getLastModifiedTime(file).toMillis());
  }
}
