package dev.vireo.agent.secgroup;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TapMonitorTest {
  @Test
  void changesPrintedByTheMonitorRunTheCallbackAndADeadMonitorIsRestarted() throws Exception {
    Semaphore runs = new Semaphore(0);
    // prints one change and ends, like an ovsdb-client whose server went away
    try (TapMonitor m = new TapMonitor(List.of("sh", "-c", "echo \"$TAG,insert,vm1,1\""), Map.of("TAG", "row"),
        runs::release).start()) {
      assertTrue(runs.tryAcquire(5, TimeUnit.SECONDS), "the printed change");
      assertTrue(runs.tryAcquire(2, 10, TimeUnit.SECONDS), "restarted: the run after the restart and its output");
    }
  }

  @Test
  void aMonitorThatCannotStartIsRetriedWithoutThrowing() throws Exception {
    Semaphore runs = new Semaphore(0);
    try (TapMonitor m = new TapMonitor(List.of("/nonexistent/ovsdb-client"), Map.of(), runs::release).start()) {
      assertTrue(runs.tryAcquire(5, TimeUnit.SECONDS), "a run after the failed start, for what may have changed");
    }
  }
}
