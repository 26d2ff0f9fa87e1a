package dev.vireo.server.apikey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The nonces of signed requests still inside the accepted clock window: a nonce seen again for
 * the same key before its request's date leaves the window is a replay. Each accepted nonce is
 * appended to a journal file before the request goes on, and a new server process reads the
 * journal back, so a request captured before a restart (also a {@code kill -9}: the line is in the
 * kernel's page cache once written) cannot be replayed after it. The journal is rewritten with only
 * the live nonces when it has grown well past them (ADR 0042, ADR 0052).
 */
final class NonceWindow {
  /** Rewrite the journal when it holds this many lines more than the live nonces. */
  private static final int COMPACT_AFTER = 20_000;

  private final Duration window;
  private final Path journal;
  private final Map<String, Instant> seen = new HashMap<>();
  private FileChannel out;
  private int journalLines;
  private Instant lastPurge = Instant.EPOCH;

  /** Memory only: a restart forgets the nonces (unit tests). */
  NonceWindow(Duration window) {
    this(window, null);
  }

  /** Keeps the nonces in {@code journal} too (null: memory only) and reads those it already holds. */
  NonceWindow(Duration window, Path journal) {
    this.window = window;
    this.journal = journal;
    if (journal != null) {
      load();
    }
  }

  /** Records the nonce; false when it was seen already within the window. */
  synchronized boolean firstUse(String accessKey, String nonce, Instant date, Instant now) {
    purge(now);
    String key = accessKey + " " + nonce;
    Instant before = seen.get(key);
    if (before != null && !before.isBefore(now)) {
      return false;
    }
    Instant until = (date.isAfter(now) ? date : now).plus(window);
    append(key, until);
    seen.put(key, until);
    return true;
  }

  private void purge(Instant now) {
    if (Duration.between(lastPurge, now).toSeconds() >= 10) {
      lastPurge = now;
      seen.values().removeIf(until -> until.isBefore(now));
      if (journal != null && journalLines > seen.size() + COMPACT_AFTER) {
        compact();
      }
    }
  }

  private void load() {
    try {
      Files.createDirectories(journal.toAbsolutePath().getParent());
      if (Files.exists(journal)) {
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
          int space = line.lastIndexOf(' ');
          if (space > 0) {
            try {
              seen.merge(line.substring(0, space), Instant.ofEpochSecond(Long.parseLong(line.substring(space + 1))),
                  (a, b) -> a.isAfter(b) ? a : b);
            } catch (NumberFormatException | java.time.DateTimeException torn) {
              // a line torn by a crash mid-write: its request was never answered
            }
          }
        }
      }
      compact(); // what has left the window goes at the first purge, on the server's clock
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the nonce journal " + journal, e);
    }
  }

  private void append(String key, Instant until) {
    if (journal == null) {
      return;
    }
    try {
      out.write(StandardCharsets.UTF_8.encode(key + " " + until.getEpochSecond() + "\n"));
      journalLines++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the nonce journal " + journal, e);
    }
  }

  /** Writes the live nonces to a new journal and puts it in place of the old one. */
  private void compact() {
    try {
      if (out != null) {
        out.close();
      }
      Path next = journal.resolveSibling(journal.getFileName() + ".new");
      StringBuilder text = new StringBuilder();
      seen.forEach((key, until) -> text.append(key).append(' ').append(until.getEpochSecond()).append('\n'));
      Files.writeString(next, text, StandardCharsets.UTF_8);
      Files.move(next, journal, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      out = FileChannel.open(journal, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      journalLines = seen.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite the nonce journal " + journal, e);
    }
  }
}
