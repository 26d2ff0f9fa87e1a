package dev.vireo.server.alarm;

import dev.vireo.api.model.Alarm;
import dev.vireo.api.model.AlarmRule;
import dev.vireo.api.model.AlarmState;
import dev.vireo.api.model.AlarmTemplate;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.metrics.MetricStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates alarm rules incrementally on each arriving sample (ADR 0036): an index from resource
 * id and metric to the rules bound to it, so a sample of an unwatched series costs two hash
 * lookups and a watched one a comparison; only a change of state touches the database and the
 * notifier. The condition must hold on every sample for the rule's duration (measured by the
 * samples' own times) before the alarm fires; the first sample on which it does not hold resolves
 * it. The index is rebuilt when templates or bindings change, keeping the state of rules that stay.
 */
public final class AlarmEvaluator implements MetricStore.SampleListener {
  private static final Logger LOG = LoggerFactory.getLogger(AlarmEvaluator.class);
  private static final Watch[] NONE = new Watch[0];

  private final AlarmTemplateStore templates;
  private final AlarmRecords records;
  private final AlarmNotices notices;
  private final Object reloading = new Object();
  private volatile Map<String, Map<String, Watch[]>> index = Map.of();

  AlarmEvaluator(AlarmTemplateStore templates, AlarmRecords records, AlarmNotices notices) {
    this.templates = templates;
    this.records = records;
    this.notices = notices;
  }

  /** One rule of one template on one resource, with where its condition stands. */
  static final class Watch {
    final AlarmTemplate template;
    final AlarmRule rule;
    final Comparison comparison;
    final String resourceId;
    String recordId;
    AlarmState state; // null: the condition does not hold
    long since;
    Instant startedAt;

    Watch(AlarmTemplate template, AlarmRule rule, String resourceId) {
      this.template = template;
      this.rule = rule;
      this.comparison = Comparison.of(rule.comparator()).orElseThrow();
      this.resourceId = resourceId;
    }

    String key() {
      return rule.id() + "|" + resourceId;
    }
  }

  /** Builds the index from the stored templates and takes up the records a restart left open. */
  public void start() {
    synchronized (reloading) {
      Map<String, Watch> previous = new HashMap<>();
      for (AlarmRecords.Stored s : records.open()) {
        Alarm a = s.alarm();
        Watch w = new Watch(null, new AlarmRule(a.ruleId(), a.metric(), a.comparator(), a.threshold(),
            a.durationSeconds(), a.severity(), s.notificationGroupId()), a.resourceId());
        w.recordId = a.id();
        w.state = a.state();
        w.startedAt = a.startedAt();
        w.since = a.startedAt().getEpochSecond();
        previous.put(w.key(), w);
      }
      rebuild(previous);
    }
  }

  /** After a change of templates or bindings. */
  void reload() {
    synchronized (reloading) {
      Map<String, Watch> previous = new HashMap<>();
      for (Map<String, Watch[]> byMetric : index.values()) {
        for (Watch[] ws : byMetric.values()) {
          for (Watch w : ws) {
            previous.put(w.key(), w);
          }
        }
      }
      rebuild(previous);
    }
  }

  private void rebuild(Map<String, Watch> previous) {
    Map<String, Map<String, List<Watch>>> next = new HashMap<>();
    for (AlarmTemplate t : templates.list()) {
      for (String resource : t.resourceIds()) {
        for (AlarmRule r : t.rules()) {
          Watch w = new Watch(t, r, resource);
          Watch old = previous.remove(w.key());
          if (old != null) {
            synchronized (old) {
              w.recordId = old.recordId;
              w.state = old.state;
              w.since = old.since;
              w.startedAt = old.startedAt;
              old.state = null; // a sample still on its way to the old watch changes nothing
              old.recordId = null;
            }
          }
          next.computeIfAbsent(resource, k -> new HashMap<>()).computeIfAbsent(r.metric(), k -> new ArrayList<>()).add(w);
        }
      }
    }
    Map<String, Map<String, Watch[]>> frozen = new HashMap<>();
    next.forEach((resource, byMetric) -> {
      Map<String, Watch[]> m = new HashMap<>();
      byMetric.forEach((metric, ws) -> m.put(metric, ws.toArray(NONE)));
      frozen.put(resource, Map.copyOf(m));
    });
    index = Map.copyOf(frozen);
    // rules removed or unbound: their open records end without a notification (nobody asked any more)
    for (Watch gone : previous.values()) {
      synchronized (gone) {
        if (gone.recordId != null) {
          closeQuietly(gone);
        }
      }
    }
  }

  private void closeQuietly(Watch w) {
    try {
      if (w.state == AlarmState.PENDING) {
        records.delete(w.recordId);
      } else {
        records.move(w.recordId, AlarmState.RESOLVED, records.find(w.recordId).map(Alarm::currentValue).orElse(0.0),
            Instant.now());
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot close alarm {} of a removed rule: {}", w.recordId, e.toString());
    }
    w.recordId = null;
    w.state = null;
  }

  /** How many rule-resource pairs are watched. */
  int watched() {
    return index.values().stream().mapToInt(m -> m.values().stream().mapToInt(ws -> ws.length).sum()).sum();
  }

  @Override
  public void sample(String resourceType, String resourceId, String metric, long epochSecond, double value) {
    Map<String, Watch[]> byMetric = index.get(resourceId);
    if (byMetric == null) {
      return;
    }
    Watch[] ws = byMetric.get(metric);
    if (ws == null) {
      return;
    }
    for (Watch w : ws) {
      synchronized (w) {
        try {
          step(w, epochSecond, value);
        } catch (RuntimeException e) { // the database: the next sample tries again
          LOG.warn("alarm rule {} on {}: {}", w.rule.id(), w.resourceId, e.toString());
        }
      }
    }
  }

  private void step(Watch w, long t, double value) {
    boolean holds = Double.isFinite(value) && w.comparison.holds(value, w.rule.threshold());
    if (holds) {
      if (w.state == null) {
        w.since = t;
        w.startedAt = Instant.ofEpochSecond(t);
        boolean fires = w.rule.durationSeconds() <= 0;
        Alarm a = new Alarm(Ids.next("alarm"), w.template.id(), w.template.name(), w.rule.id(),
            w.template.resourceType(), w.resourceId, w.rule.metric(), w.rule.comparator(), w.rule.threshold(),
            w.rule.durationSeconds(), w.rule.severity(), fires ? AlarmState.FIRING : AlarmState.PENDING, value,
            w.startedAt, fires ? w.startedAt : null, null, w.startedAt);
        records.insert(a, w.rule.notificationGroupId());
        w.recordId = a.id();
        w.state = a.state();
        if (fires) {
          tell(w, AlarmState.FIRING, value, w.startedAt);
        }
      } else if (w.state == AlarmState.PENDING && t - w.since >= w.rule.durationSeconds()) {
        Instant at = Instant.ofEpochSecond(t);
        records.move(w.recordId, AlarmState.FIRING, value, at);
        w.state = AlarmState.FIRING;
        tell(w, AlarmState.FIRING, value, at);
      }
    } else if (w.state == AlarmState.PENDING) {
      records.delete(w.recordId);
      w.state = null;
      w.recordId = null;
    } else if (w.state == AlarmState.FIRING) {
      Instant at = Instant.ofEpochSecond(t);
      records.move(w.recordId, AlarmState.RESOLVED, value, at);
      String id = w.recordId;
      w.state = null;
      w.recordId = null;
      tell(w, AlarmState.RESOLVED, value, at, id);
    }
  }

  private void tell(Watch w, AlarmState state, double value, Instant at) {
    tell(w, state, value, at, w.recordId);
  }

  private void tell(Watch w, AlarmState state, double value, Instant at, String alarmId) {
    String group = w.rule.notificationGroupId();
    if (group == null) {
      return;
    }
    AlarmMessage m = AlarmMessage.of(alarmId, w.template == null ? "" : w.template.name(), w.resourceId, w.rule,
        state, value, at, w.startedAt);
    try {
      notices.send(group, m.subject(), m.text(), m.fields());
    } catch (RuntimeException e) {
      LOG.warn("cannot hand alarm {} to notification group {}: {}", alarmId, group, e.toString());
    }
  }
}
