package dev.vireo.server.metrics;

import java.util.Arrays;

/**
 * One metric of one resource in memory: the raw samples of the last {@link MetricStore#RAW}
 * (a ring of epoch seconds and float values, grown as needed), the latest value, and the open
 * five-minute bucket the flusher closes into the database. 8 bytes per raw point.
 */
final class Series {
  final String resourceType;
  final String resourceId;
  final String metric;
  volatile String nodeId;
  private int[] times = new int[16];
  private float[] values = new float[16];
  private int start;
  private int size;
  private double latest = Double.NaN;
  private long latestAt;
  /** The open rollup bucket: its start (epoch seconds), sum, max, count. */
  private long bucket = -1;
  private double sum;
  private double max;
  private int count;

  Series(String resourceType, String resourceId, String metric) {
    this.resourceType = resourceType;
    this.resourceId = resourceId;
    this.metric = metric;
  }

  /** A rollup bucket ready to be written: start, average, maximum, samples. */
  record Bucket(long start, double avg, double max, int count) {}

  /** Appends a sample; returns the bucket it closed, if the sample opened a new one. */
  synchronized Bucket add(long epochSecond, double value, long rawSeconds) {
    if (size == times.length) {
      if (epochSecond - times[start] < rawSeconds) {
        grow();
      } else {
        start = (start + 1) % times.length;
        size--;
      }
    }
    int i = (start + size) % times.length;
    times[i] = (int) epochSecond;
    values[i] = (float) value;
    size++;
    if (epochSecond >= latestAt) {
      latest = value;
      latestAt = epochSecond;
    }
    long b = epochSecond - Math.floorMod(epochSecond, MetricStore.ROLLUP_SECONDS);
    Bucket closed = null;
    if (b != bucket) {
      closed = close();
      bucket = b;
    }
    sum += value;
    max = count == 0 ? value : Math.max(max, value);
    count++;
    return closed;
  }

  /** Closes the open bucket if it ended before {@code now}; null when there is none. */
  synchronized Bucket closeIfBefore(long epochSecond) {
    return bucket >= 0 && bucket + MetricStore.ROLLUP_SECONDS <= epochSecond ? close() : null;
  }

  private Bucket close() {
    if (count == 0) {
      return null;
    }
    Bucket done = new Bucket(bucket, sum / count, max, count);
    bucket = -1;
    sum = 0;
    max = 0;
    count = 0;
    return done;
  }

  private void grow() {
    int[] t = new int[times.length * 2];
    float[] v = new float[values.length * 2];
    for (int k = 0; k < size; k++) {
      t[k] = times[(start + k) % times.length];
      v[k] = values[(start + k) % values.length];
    }
    times = t;
    values = v;
    start = 0;
  }

  /** Raw points in [from, to) as pairs of epoch seconds and values. */
  synchronized double[][] raw(long from, long to) {
    double[] at = new double[size];
    double[] val = new double[size];
    int n = 0;
    for (int k = 0; k < size; k++) {
      int i = (start + k) % times.length;
      if (times[i] >= from && times[i] < to) {
        at[n] = times[i];
        val[n] = values[i];
        n++;
      }
    }
    return new double[][] {Arrays.copyOf(at, n), Arrays.copyOf(val, n)};
  }

  synchronized double latest() {
    return latest;
  }

  synchronized long latestAt() {
    return latestAt;
  }
}
