package dev.vireo.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.protocol.DiskQos;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskQosLimits;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.inventory.Rows;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Disk QoS (white paper 4.5, issue 5 D3, ADR 0025): with the global switch (GET/PUT
 * /api/v1/settings/disks, ADR 0045; until first set {@code [storage] disk_qos}) on, every data disk is limited by its own override or else by the capacity formula
 * (docs/design.md): IOPS = min(1800 + 50·GiB, 50000) for reads and writes each, MB/s = min(120 +
 * GiB/2, 1000). On expansion an override keeps, per value, the larger of itself and the formula of
 * the new size (0, unlimited, is the largest).
 */
public final class DiskQosPolicy {
  public static final int MAX_IOPS = 50_000;
  public static final int MAX_MBPS = 1_000;

  private final Jdbi jdbi;
  private final java.util.function.BooleanSupplier enabled;

  /** {@code enabled}: the global switch, read at each use (it changes through /api/v1/settings/disks). */
  public DiskQosPolicy(Jdbi jdbi, java.util.function.BooleanSupplier enabled) {
    this.jdbi = jdbi;
    this.enabled = enabled;
  }

  /** The capacity formula for a disk of {@code sizeGiB}. */
  public static DiskQos formula(int sizeGiB) {
    int iops = (int) Math.min(1800L + 50L * sizeGiB, MAX_IOPS);
    int mbps = (int) Math.min(120L + sizeGiB / 2, MAX_MBPS);
    return new DiskQos(iops, iops, mbps, mbps);
  }

  /** Per value the larger limit, 0 (unlimited) being larger than any. */
  static DiskQos larger(DiskQos a, DiskQos b) {
    return new DiskQos(max(a.readIops(), b.readIops()), max(a.writeIops(), b.writeIops()),
        max(a.readMBps(), b.readMBps()), max(a.writeMBps(), b.writeMBps()));
  }

  private static int max(int a, int b) {
    return a == 0 || b == 0 ? 0 : Math.max(a, b);
  }

  /** 422 naming the field unless each value is given, whole and within its range. */
  public static DiskQos validated(JsonNode body) {
    return new DiskQos(value(body, "readIops", MAX_IOPS), value(body, "writeIops", MAX_IOPS),
        value(body, "readMBps", MAX_MBPS), value(body, "writeMBps", MAX_MBPS));
  }

  private static int value(JsonNode body, String field, int max) {
    JsonNode v = body == null ? null : body.get(field);
    if (v == null || v.isNull()) {
      throw ApiException.invalid(field, "is required (0 to " + max + ", 0 = unlimited)");
    }
    if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > max) {
      throw ApiException.invalid(field, "must be a whole number from 0 to " + max + " (0 = unlimited), got " + v);
    }
    return v.asInt();
  }

  public boolean enabled() {
    return enabled.getAsBoolean();
  }

  public Optional<DiskQos> override(String diskId) {
    return jdbi.withHandle(h -> override(h, diskId));
  }

  public Optional<DiskQos> override(Handle h, String diskId) {
    return h.createQuery("SELECT * FROM disk_qos WHERE disk_id = :d").bind("d", diskId)
        .map((rs, c) -> new DiskQos(rs.getInt("read_iops"), rs.getInt("write_iops"), rs.getInt("read_mbps"),
            rs.getInt("write_mbps"))).findOne();
  }

  public void set(Handle h, String diskId, DiskQos q) {
    h.createUpdate("DELETE FROM disk_qos WHERE disk_id = :d").bind("d", diskId).execute();
    h.createUpdate("INSERT INTO disk_qos (disk_id, read_iops, write_iops, read_mbps, write_mbps, updated_at)"
            + " VALUES (:d, :ri, :wi, :rm, :wm, :t)")
        .bind("d", diskId).bind("ri", q.readIops()).bind("wi", q.writeIops()).bind("rm", q.readMBps())
        .bind("wm", q.writeMBps()).bind("t", Rows.now()).execute();
  }

  public void restore(String diskId, DiskQos previous) {
    jdbi.useHandle(h -> {
      if (previous == null) {
        h.createUpdate("DELETE FROM disk_qos WHERE disk_id = :d").bind("d", diskId).execute();
      } else {
        set(h, diskId, previous);
      }
    });
  }

  /** What limits the disk at {@code sizeGiB}: null when the switch is off. */
  public DiskQos effective(String diskId, int sizeGiB) {
    if (!enabled()) {
      return null;
    }
    return override(diskId).orElseGet(() -> formula(sizeGiB));
  }

  /** After an expansion to {@code sizeGiB}: an override rises to the new formula where it is lower. */
  public void grown(String diskId, int sizeGiB) {
    override(diskId).ifPresent(o -> jdbi.useHandle(h -> set(h, diskId, larger(o, formula(sizeGiB)))));
  }

  public DiskQosLimits limits(Disk d) {
    Optional<DiskQos> o = override(d.id());
    DiskQos q = o.orElseGet(() -> formula(d.sizeGiB()));
    String source = !enabled() ? "OFF" : o.isPresent() ? "OVERRIDE" : "FORMULA";
    return new DiskQosLimits(d.id(), source, q.readIops(), q.writeIops(), q.readMBps(), q.writeMBps());
  }
}
