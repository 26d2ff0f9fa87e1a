package dev.vireo.cli;

import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.DiskQosLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Disk I/O limits ({@code vireo disk qos ...}), ADR 0025. */
final class DiskQosCommands {
  private final Session session;
  private final Output out;

  DiskQosCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  /** {@code tokens}: show|set, then its arguments. */
  void run(List<String> tokens) {
    if (tokens.isEmpty()) {
      throw new UsageException("usage: vireo disk qos <show|set> <disk> ...");
    }
    List<String> rest = tokens.subList(1, tokens.size());
    switch (tokens.get(0)) {
      case "show" -> show(session.client().getDiskQos(Args.parse(rest, Set.of(), Set.of()).target("disk id or name")));
      case "set" -> {
        Args args = Args.parse(rest, Set.of("read-iops", "write-iops", "read-mbps", "write-mbps"), Set.of("no-wait"));
        String disk = args.target("disk id or name");
        Accepted a = session.client().setDiskQos(disk, required(args, "read-iops", 50000),
            required(args, "write-iops", 50000), required(args, "read-mbps", 1000), required(args, "write-mbps", 1000));
        if (args.flag("no-wait")) {
          session.accepted(a, a.resourceType());
          return;
        }
        session.await(a, Session.DEFAULT_WAIT);
        show(session.client().getDiskQos(disk));
      }
      default -> throw new UsageException("unknown command 'disk qos " + tokens.get(0) + "'");
    }
  }

  private static int required(Args args, String option, int max) {
    Integer v = args.integer(option, 0, max);
    if (v == null) {
      throw new UsageException("--" + option + " is required (0 to " + max + ", 0 = unlimited)");
    }
    return v;
  }

  private void show(DiskQosLimits q) {
    out.result(q, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("disk", q.diskId());
      f.put("source", q.source() + ("OFF".equals(q.source()) ? " (QoS is switched off: nothing is limited)" : ""));
      f.put("read IOPS", limit(q.readIops()));
      f.put("write IOPS", limit(q.writeIops()));
      f.put("read MB/s", limit(q.readMBps()));
      f.put("write MB/s", limit(q.writeMBps()));
      out.fields(f);
    });
  }

  private static String limit(int v) {
    return v == 0 ? "unlimited" : Integer.toString(v);
  }
}
