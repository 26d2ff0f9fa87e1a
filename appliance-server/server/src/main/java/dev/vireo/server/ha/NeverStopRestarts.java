package dev.vireo.server.ha;

import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.HaMode;
import dev.vireo.server.vm.VmRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * White paper 4.2.18: a "never stop" VM that shuts down or crashes on its own is started again.
 * A guest that keeps stopping (more than {@value #MAX_RESTARTS} times in 10 minutes) is left
 * stopped with the reason, instead of burning its node in a restart loop.
 */
public final class NeverStopRestarts {
  private static final Logger LOG = LoggerFactory.getLogger(NeverStopRestarts.class);
  static final int MAX_RESTARTS = 3;
  private static final Duration WINDOW = Duration.ofMinutes(10);

  private final Function<String, Accepted> starter;
  private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

  NeverStopRestarts(Function<String, Accepted> starter) {
    this.starter = starter;
  }

  /**
   * The reconciler saw the VM stop without a request. Returns the reason to record: why it is
   * being restarted, or why it is not.
   */
  public String stoppedOnItsOwn(VmRecord vm, String why) {
    if (vm.vm().haMode() != HaMode.NEVER_STOP) {
      return why;
    }
    Instant now = Instant.now();
    Deque<Instant> times = recent.computeIfAbsent(vm.id(), k -> new ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
        times.removeFirst();
      }
      if (times.size() >= MAX_RESTARTS) {
        LOG.warn("VM {} (never stop) stopped again: {}; {} restarts in 10 min, not restarting", vm.id(), why,
            times.size());
        return why + "; not restarted: it stopped " + (times.size() + 1) + " times within 10 minutes";
      }
      times.addLast(now);
    }
    try {
      Accepted a = starter.apply(vm.id());
      LOG.info("VM {} (never stop) stopped on its own ({}); restarting it (job {})", vm.id(), why, a.jobId());
      return null;
    } catch (RuntimeException e) {
      LOG.warn("VM {} (never stop) could not be restarted: {}", vm.id(), e.getMessage());
      return why + "; restart refused: " + e.getMessage();
    }
  }
}
