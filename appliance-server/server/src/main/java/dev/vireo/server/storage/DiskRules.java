package dev.vireo.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.api.model.CpuArch;
import dev.vireo.api.model.DiskSpec;
import dev.vireo.server.http.ApiException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The white paper's disk rules (4.5.2, 6.5), checked before anything is recorded: sizes in steps of
 * 1 GiB within the storage cluster's disk spec (never below 10 GiB), never shrinking; at most 25
 * data disks on an x86 VM and 3 on an ARM one; guest targets from {@code vdc} ({@code vda} is the
 * system disk, {@code vdb} the NoCloud seed).
 */
public final class DiskRules {
  public static final int MIN_GIB = 10;
  public static final int MAX_DISKS_X86 = 25;
  public static final int MAX_DISKS_ARM = 3;

  private DiskRules() {}

  /**
   * 422 naming {@code sizeGiB} unless the size is given, whole and within {@code range}, the disk
   * spec of the storage cluster (white paper 6.5; at least 10 GiB).
   */
  public static int size(JsonNode body, Integer sizeGiB, DiskSpec range) {
    JsonNode raw = body == null ? null : body.get("sizeGiB");
    if (sizeGiB == null || raw == null || raw.isNull()) {
      throw ApiException.invalid("sizeGiB", "is required (whole GiB, " + range.minGiB() + " to " + range.maxGiB()
          + ")");
    }
    if (!raw.isIntegralNumber()) {
      throw ApiException.invalid("sizeGiB", "must be a whole number of GiB (step 1 GiB), got " + raw);
    }
    if (sizeGiB < range.minGiB()) {
      throw ApiException.invalid("sizeGiB", "must be at least " + range.minGiB() + " GiB (got " + sizeGiB + "); "
          + rangeOf(range));
    }
    if (sizeGiB > range.maxGiB()) {
      throw ApiException.invalid("sizeGiB", "must be at most " + range.maxGiB() + " GiB (got " + sizeGiB + "); "
          + rangeOf(range));
    }
    return sizeGiB;
  }

  private static String rangeOf(DiskSpec range) {
    return "the disk spec of storage cluster " + range.storageClusterName() + " allows " + range.minGiB() + " to "
        + range.maxGiB() + " GiB";
  }

  /**
   * A new size for a disk of {@code currentGiB}: larger (disks never shrink, 422), at most the
   * spec's maximum; the spec's minimum is for new disks, a grown disk needs only the 10 GiB floor.
   */
  public static int growth(JsonNode body, Integer sizeGiB, int currentGiB, DiskSpec range) {
    DiskSpec floor = new DiskSpec(range.storageClusterId(), range.storageClusterName(), range.clusterId(),
        Math.min(MIN_GIB, range.maxGiB()), range.maxGiB(), range.modified(), range.updatedAt());
    int size = size(body, sizeGiB, floor);
    if (size < currentGiB) {
      throw ApiException.invalid("sizeGiB", "disks never shrink: the disk has " + currentGiB + " GiB, "
          + size + " GiB would lose data");
    }
    if (size == currentGiB) {
      throw ApiException.invalid("sizeGiB", "the disk already has " + currentGiB + " GiB; give a larger size");
    }
    return size;
  }

  /** How many data disks a VM of this architecture takes. */
  public static int maxDisks(CpuArch arch) {
    return arch == CpuArch.AARCH64 ? MAX_DISKS_ARM : MAX_DISKS_X86;
  }

  /** 422 naming {@code disk} when a VM already has its architecture's maximum of data disks. */
  public static void roomFor(CpuArch arch, int attached, String vmId) {
    int max = maxDisks(arch);
    if (attached >= max) {
      throw ApiException.invalid("disk", "VM " + vmId + " already has " + attached + " data disks; an "
          + (arch == CpuArch.AARCH64 ? "ARM" : "x86") + " VM takes at most " + max);
    }
  }

  /** The first free guest target from {@code vdc}: vdc..vdz, then vdaa, vdab, ... */
  public static String nextTarget(Collection<String> taken) {
    Set<String> used = new HashSet<>(taken);
    for (int i = 2; ; i++) {
      String t = target(i);
      if (!used.contains(t)) {
        return t;
      }
    }
  }

  /** The virtio name of disk index {@code i} (0 = vda), as libvirt and Linux count: vdz, then vdaa. */
  static String target(int i) {
    StringBuilder s = new StringBuilder();
    int n = i;
    do {
      s.insert(0, (char) ('a' + n % 26));
      n = n / 26 - 1;
    } while (n >= 0);
    return "vd" + s;
  }
}
