package dev.vireo.server.console;

import dev.vireo.server.inventory.Rows;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Console tickets: only their SHA-256 is stored; one use each, claimed atomically. */
final class ConsoleTicketStore {
  /** A claimed ticket: which VM on which node. */
  record Claimed(String id, String vmId, String nodeId) {}

  /** Why a ticket was not accepted. */
  enum Refusal {
    UNKNOWN("unknown ticket"), USED("the ticket was used already"), EXPIRED("the ticket expired"),
    OTHER_VM("the ticket is for another VM");

    final String message;

    Refusal(String message) {
      this.message = message;
    }
  }

  private final Jdbi jdbi;

  ConsoleTicketStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(
          StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  void insert(String id, String token, String vmId, String nodeId, String protocol, String issuedBy, Instant expires) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO console_tickets (id, token_sha256, vm_id, node_id, protocol,"
            + " issued_by, issued_at, expires_at) VALUES (:id, :t, :vm, :n, :p, :by, :at, :exp)")
        .bind("id", id).bind("t", sha256(token)).bind("vm", vmId).bind("n", nodeId).bind("p", protocol)
        .bind("by", issuedBy).bind("at", Rows.now()).bind("exp", expires.atOffset(ZoneOffset.UTC)).execute());
  }

  /** Claims the ticket for {@code vmId} once: the ticket, or why it is refused. */
  Object claim(String token, String vmId, String from) {
    String hash = sha256(token);
    return jdbi.inTransaction(h -> {
      Optional<Row> row = h.createQuery("SELECT id, vm_id, node_id, expires_at, used_at FROM console_tickets"
              + " WHERE token_sha256 = :t").bind("t", hash)
          .map((rs, c) -> new Row(rs.getString("id"), rs.getString("vm_id"), rs.getString("node_id"),
              Rows.instant(rs, "expires_at"), Rows.instant(rs, "used_at"))).findOne();
      if (row.isEmpty()) {
        return Refusal.UNKNOWN;
      }
      Row r = row.get();
      if (!r.vmId().equals(vmId)) {
        return Refusal.OTHER_VM;
      }
      if (r.usedAt() != null) {
        return Refusal.USED;
      }
      if (!Instant.now().isBefore(r.expiresAt())) {
        return Refusal.EXPIRED;
      }
      int claimed = h.createUpdate("UPDATE console_tickets SET used_at = :now, used_from = :from WHERE id = :id"
              + " AND used_at IS NULL").bind("now", Rows.now()).bind("from", from).bind("id", r.id()).execute();
      return claimed == 1 ? new Claimed(r.id(), r.vmId(), r.nodeId()) : Refusal.USED;
    });
  }

  void closed(String id, String reason) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE console_tickets SET closed_at = :now, close_reason = :r WHERE id = :id")
        .bind("now", Rows.now()).bind("r", reason.length() > 200 ? reason.substring(0, 200) : reason).bind("id", id)
        .execute());
  }

  private record Row(String id, String vmId, String nodeId, Instant expiresAt, Instant usedAt) {}
}
