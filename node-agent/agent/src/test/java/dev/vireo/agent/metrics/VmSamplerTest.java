package dev.vireo.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vireo.agent.command.FakeHypervisor;
import dev.vireo.agent.command.Hypervisor.DomainCounters;
import dev.vireo.agent.protocol.MetricNames;
import dev.vireo.agent.protocol.MetricSample;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VmSamplerTest {
  static final long SECOND = 1_000_000_000L;
  static final long GIB = 1L << 30;

  final FakeHypervisor hypervisor = new FakeHypervisor();
  final AtomicLong clock = new AtomicLong(5 * SECOND);
  final VmSampler sampler = new VmSampler(hypervisor, clock::get);

  static DomainCounters counters(String domain, long cpuNanos, int vcpus, Long unused, Long rss, long n) {
    return new DomainCounters(domain, cpuNanos, vcpus, 2 * GIB, unused, rss, 1000 * n, 2000 * n, 10 * n, 20 * n,
        3000 * n, 4000 * n, 30 * n, 40 * n);
  }

  private static Map<String, Map<String, Double>> byDomain(List<MetricSample> samples) {
    samples.forEach(s -> assertEquals("vm", s.resourceType()));
    return samples.stream().collect(Collectors.groupingBy(MetricSample::resourceId,
        Collectors.toMap(MetricSample::metric, MetricSample::value)));
  }

  @Test
  void ratesAndCpuPercentOfItsVcpusFromTwoSnapshots() {
    hypervisor.counters.put("vm-3f2a9c1d0b4e", counters("vm-3f2a9c1d0b4e", 100 * SECOND, 2, null, null, 1));
    hypervisor.counters.put("other", counters("other", 0, 1, null, null, 0));
    Map<String, Double> first = byDomain(sampler.sample()).get("vm-3f2a9c1d0b4e");
    assertEquals(Map.of(MetricNames.MEMORY_TOTAL_BYTES, 2.0 * GIB, MetricNames.MEMORY_USED_BYTES, 2.0 * GIB), first,
        "the first sample: memory only, no rates");

    // 10 s later: 10 s of CPU time over 2 vCPUs = 50 %; every counter +9 units
    hypervisor.counters.put("vm-3f2a9c1d0b4e", counters("vm-3f2a9c1d0b4e", 110 * SECOND, 2, 512L << 20, null, 10));
    clock.addAndGet(10 * SECOND);
    List<MetricSample> samples = sampler.sample();
    Map<String, Map<String, Double>> all = byDomain(samples);

    assertEquals(List.of("vm-3f2a9c1d0b4e"), List.copyOf(all.keySet()), "only Vireo domains");
    assertEquals(MetricNames.VM.subList(0, MetricNames.VM.indexOf(MetricNames.DISK_USED_BYTES)),
        samples.stream().map(MetricSample::metric).toList(), "all libvirt counts, in order");
    Map<String, Double> v = all.get("vm-3f2a9c1d0b4e");
    assertEquals(50.0, v.get(MetricNames.CPU_USAGE_PERCENT));
    assertEquals(2.0 * GIB, v.get(MetricNames.MEMORY_TOTAL_BYTES));
    assertEquals(2.0 * GIB - (512L << 20), v.get(MetricNames.MEMORY_USED_BYTES), "current - unused");
    assertEquals(900.0, v.get(MetricNames.DISK_READ_BYTES_PER_SECOND));
    assertEquals(1800.0, v.get(MetricNames.DISK_WRITE_BYTES_PER_SECOND));
    assertEquals(9.0, v.get(MetricNames.DISK_READ_OPS_PER_SECOND));
    assertEquals(18.0, v.get(MetricNames.DISK_WRITE_OPS_PER_SECOND));
    assertEquals(2700.0, v.get(MetricNames.NETWORK_RECEIVE_BYTES_PER_SECOND));
    assertEquals(3600.0, v.get(MetricNames.NETWORK_TRANSMIT_BYTES_PER_SECOND));
    assertEquals(27.0, v.get(MetricNames.NETWORK_RECEIVE_PACKETS_PER_SECOND));
    assertEquals(36.0, v.get(MetricNames.NETWORK_TRANSMIT_PACKETS_PER_SECOND));
  }

  @Test
  void aRestartedDomainStartsItsBaselineOver() {
    hypervisor.counters.put("vm-a", counters("vm-a", 500 * SECOND, 1, null, null, 50));
    sampler.sample();
    clock.addAndGet(10 * SECOND);
    hypervisor.counters.put("vm-a", counters("vm-a", 2 * SECOND, 1, null, null, 1)); // restarted
    Map<String, Double> restarted = byDomain(sampler.sample()).get("vm-a");
    assertFalse(restarted.containsKey(MetricNames.CPU_USAGE_PERCENT));
    assertFalse(restarted.containsKey(MetricNames.DISK_READ_BYTES_PER_SECOND));

    clock.addAndGet(4 * SECOND);
    hypervisor.counters.put("vm-a", counters("vm-a", 3 * SECOND, 1, null, null, 5));
    Map<String, Double> v = byDomain(sampler.sample()).get("vm-a");

    assertEquals(25.0, v.get(MetricNames.CPU_USAGE_PERCENT), "1 s of CPU in 4 s, from the new baseline");
    assertEquals(1000.0, v.get(MetricNames.DISK_READ_BYTES_PER_SECOND), "4000 bytes in 4 s");
  }

  @Test
  void aDomainThatLeftAndCameBackHasNoStaleBaseline() {
    hypervisor.counters.put("vm-a", counters("vm-a", 10 * SECOND, 1, null, null, 1));
    sampler.sample();
    hypervisor.counters.remove("vm-a");
    clock.addAndGet(10 * SECOND);
    assertEquals(List.of(), sampler.sample());
    hypervisor.counters.put("vm-a", counters("vm-a", 60 * SECOND, 1, null, null, 9));
    clock.addAndGet(10 * SECOND);

    assertFalse(byDomain(sampler.sample()).get("vm-a").containsKey(MetricNames.CPU_USAGE_PERCENT));
  }

  @Test
  void aCounterThatWentDownCountsZeroAndCpuIsCappedAtItsVcpus() {
    hypervisor.counters.put("vm-a", counters("vm-a", 10 * SECOND, 1, null, null, 10));
    sampler.sample();
    clock.addAndGet(SECOND);
    // a NIC unplugged: the summed network counters went down; CPU time a bit ahead of the wall clock
    hypervisor.counters.put("vm-a", new DomainCounters("vm-a", 11_001_000_000L, 1, 2 * GIB, null, null, 10_000,
        20_000, 100, 200, 0, 0, 0, 0));
    Map<String, Double> v = byDomain(sampler.sample()).get("vm-a");

    assertEquals(100.0, v.get(MetricNames.CPU_USAGE_PERCENT));
    assertEquals(0.0, v.get(MetricNames.NETWORK_RECEIVE_BYTES_PER_SECOND));
    assertEquals(0.0, v.get(MetricNames.NETWORK_TRANSMIT_PACKETS_PER_SECOND));
  }

  @Test
  void memoryUsedPrefersTheGuestsViewThenTheQemuResidentSetThenTheDomainsMemory() {
    assertEquals(GIB, VmSampler.memoryUsed(counters("vm-a", 0, 1, GIB, 3 * GIB, 0)));
    assertEquals(GIB, VmSampler.memoryUsed(counters("vm-a", 0, 1, null, GIB, 0)));
    assertEquals(2 * GIB, VmSampler.memoryUsed(counters("vm-a", 0, 1, null, 3 * GIB, 0)), "capped at its memory");
    assertEquals(2 * GIB, VmSampler.memoryUsed(counters("vm-a", 0, 1, null, null, 0)));
  }
}
