package dev.vireo.tests.performance;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateDiskRequest;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import dev.vireo.tests.support.BenchmarkDoc;
import dev.vireo.tests.support.Commands;
import dev.vireo.tests.support.VireoLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Snapshot create and rollback times (issue 5 Done-when, ADR 0025) of a detached data disk of
 * {@code bench.diskGiB} GiB with {@code bench.dataMiB} MiB written, through the API (job created →
 * finished, server clock) and with plain {@code qemu-img snapshot} on a copy of the same volume,
 * side by side. Each round writes fresh data (so the snapshot has clusters to share), takes a
 * snapshot, rolls back to it and deletes it. A measurement, not a pass/fail test (tag
 * "benchmark"). Writes its section of docs/benchmarks.md. Run: tests/performance/snapshot-benchmark.sh
 */
@Tag("benchmark")
@Timeout(1800)
class SnapshotBenchmark {
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 7);
  private static final int DISK_GIB = Integer.getInteger("bench.diskGiB", 10);
  private static final int DATA_MIB = Integer.getInteger("bench.dataMiB", 1024);
  private static final Duration JOB = Duration.ofSeconds(300);

  @Test
  void snapshotCreateAndRollbackThroughTheApiAgainstQemuImg() throws Exception {
    String load = String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).strip().split(" ")).subList(0, 3));
    try (VireoLab lab = VireoLab.start("bench-snap")) {
      VireoClient client = lab.client();
      Accepted d = client.createDisk(new CreateDiskRequest(lab.vmName("bench"), null, DISK_GIB, null), null);
      lab.succeed(d, JOB);
      String disk = d.resourceId();
      Path volume = lab.storage().resolve("disks").resolve(disk + ".qcow2");
      qemuIo(volume, "write -P 0x5a 0 " + DATA_MIB + "M");
      Path raw = lab.storage().resolve("bench-raw.qcow2");
      Files.copy(volume, raw);
      List<Long> apiCreate = new ArrayList<>();
      List<Long> apiRollback = new ArrayList<>();
      List<Long> apiDelete = new ArrayList<>();
      List<Long> rawCreate = new ArrayList<>();
      List<Long> rawRollback = new ArrayList<>();
      List<Long> rawDelete = new ArrayList<>();
      for (int round = 0; round <= ROUNDS; round++) { // round 0 warms up and is not counted
        String fresh = "write -P " + (round + 1) + " " + (round * 64) + "M 64M";
        qemuIo(volume, fresh);
        qemuIo(raw, fresh);
        long c = job(client, client.createDiskSnapshot(disk, "b" + round, null));
        long r = job(client, client.rollbackDiskSnapshot(disk, "b" + round));
        long x = job(client, client.deleteDiskSnapshot(disk, "b" + round));
        long rc = timed("qemu-img", "snapshot", "-c", "b" + round, raw.toString());
        long rr = timed("qemu-img", "snapshot", "-a", "b" + round, raw.toString());
        long rx = timed("qemu-img", "snapshot", "-d", "b" + round, raw.toString());
        if (round > 0) {
          apiCreate.add(c);
          apiRollback.add(r);
          apiDelete.add(x);
          rawCreate.add(rc);
          rawRollback.add(rr);
          rawDelete.add(rx);
        }
        System.out.printf("round %d: API create %d rollback %d delete %d ms; qemu-img %d %d %d ms%n", round, c, r, x,
            rc, rr, rx);
      }
      write(load, apiCreate, apiRollback, apiDelete, rawCreate, rawRollback, rawDelete);
    }
  }

  /** The job's own duration (created → finished, server clock), failing unless it SUCCEEDED. */
  private static long job(VireoClient client, Accepted a) {
    Job j = client.waitForJob(a.jobId(), JOB);
    if (j.state() != JobState.SUCCEEDED) {
      throw new AssertionError(j.type() + " " + j.state() + ": " + j.error());
    }
    return Duration.between(j.createdAt(), j.finishedAt()).toMillis();
  }

  private static void qemuIo(Path volume, String command) throws Exception {
    Commands.check(List.of("qemu-io", "-f", "qcow2", "-c", command, volume.toString()), 300);
  }

  private static long timed(String... command) throws Exception {
    long t0 = System.nanoTime();
    Commands.check(List.of(command), 300);
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static void write(String load, List<Long> apiCreate, List<Long> apiRollback, List<Long> apiDelete,
      List<Long> rawCreate, List<Long> rawRollback, List<Long> rawDelete) throws Exception {
    StringBuilder s = new StringBuilder();
    s.append("### Latest run\n\n");
    s.append("- Date: ").append(Instant.now().toString().substring(0, 16).replace('T', ' ')).append(" UTC, commit ")
        .append(Commands.check(List.of("git", "rev-parse", "--short", "HEAD"), 30).strip())
        .append("; load average before: ").append(load).append("\n");
    s.append("- A detached ").append(DISK_GIB).append(" GiB data disk with ").append(DATA_MIB)
        .append(" MiB written (qemu-io), ").append(apiCreate.size()).append(" rounds after one warm-up; each round"
            + " writes 64 MiB more, then snapshot, rollback to it, delete it. API: the job's created → finished"
            + " (server clock: request queued, agent call, qemu-img, callback); qemu-img: the same three commands on"
            + " a copy of the volume\n");
    s.append("- Reproduce: `tests/performance/snapshot-benchmark.sh` (BENCH_ROUNDS=").append(apiCreate.size())
        .append(")\n\n");
    s.append("| | n | min | median | max |\n|---|---:|---:|---:|---:|\n");
    s.append(row("API snapshot create (CREATE_SNAPSHOT job, ms)", apiCreate));
    s.append(row("API rollback (ROLLBACK_SNAPSHOT job, ms)", apiRollback));
    s.append(row("API snapshot delete (DELETE_SNAPSHOT job, ms)", apiDelete));
    s.append(row("`qemu-img snapshot -c` (ms)", rawCreate));
    s.append(row("`qemu-img snapshot -a` (ms)", rawRollback));
    s.append(row("`qemu-img snapshot -d` (ms)", rawDelete));
    BenchmarkDoc.write("snapshot-benchmark", "Disk snapshot create and rollback",
        "tests/performance/snapshot-benchmark.sh", s.toString());
  }

  private static String row(String what, List<Long> v) {
    return BenchmarkDoc.row(what, v);
  }
}
