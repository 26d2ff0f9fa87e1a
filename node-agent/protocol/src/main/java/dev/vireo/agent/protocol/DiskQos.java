package dev.vireo.agent.protocol;

/**
 * I/O limits of one disk (issue 5 D3, ADR 0025): read and write IOPS and MB/s (1 MB = 10^6 bytes);
 * 0 = unlimited. Applied as libvirt {@code <iotune>} / blkdeviotune.
 */
public record DiskQos(int readIops, int writeIops, int readMBps, int writeMBps) {

  /** True when every value is 0 (no limit at all). */
  public boolean unlimited() {
    return readIops == 0 && writeIops == 0 && readMBps == 0 && writeMBps == 0;
  }
}
