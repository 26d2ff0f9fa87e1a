package dev.vireo.server.alarm;

import dev.vireo.api.model.AlarmRule;
import dev.vireo.api.model.AlarmState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What a notification about an alarm says: a subject line, a text, and fields for webhooks. */
record AlarmMessage(String subject, String text, Map<String, String> fields) {

  static AlarmMessage of(String alarmId, String template, String resourceId, AlarmRule rule, AlarmState state,
      double value, Instant at, Instant startedAt) {
    String sign = Comparison.of(rule.comparator()).map(c -> c.sign).orElse(rule.comparator());
    String condition = rule.metric() + " " + sign + " " + number(rule.threshold());
    String subject = rule.severity() + " alarm " + (state == AlarmState.FIRING ? "firing" : "resolved")
        + ": " + resourceId + " " + condition + " (now " + number(value) + ")";
    String text = (state == AlarmState.FIRING
        ? "The alarm rule '" + condition + "' of template '" + template + "' has held on " + resourceId + " since "
            + startedAt + (rule.durationSeconds() > 0 ? " (at least " + rule.durationSeconds() + " s)" : "") + "."
        : "The alarm rule '" + condition + "' of template '" + template + "' no longer holds on " + resourceId + ".")
        + "\n\nAlarm: " + alarmId + "\nState: " + state + "\nSeverity: " + rule.severity() + "\nResource: "
        + resourceId + "\nMetric: " + rule.metric() + "\nValue: " + number(value) + "\nTime: " + at + "\n";
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("kind", "ALARM");
    fields.put("alarmId", alarmId);
    fields.put("state", state.name());
    fields.put("severity", rule.severity().name());
    fields.put("template", template);
    fields.put("resourceId", resourceId);
    fields.put("metric", rule.metric());
    fields.put("comparator", rule.comparator());
    fields.put("threshold", number(rule.threshold()));
    fields.put("value", number(value));
    fields.put("at", at.toString());
    return new AlarmMessage(subject, text, java.util.Collections.unmodifiableMap(fields));
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
