package dev.vireo.server.alarm;

import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.metrics.MetricStore;
import java.util.List;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * Alarm templates, records and their evaluation (white paper 5.10.3-5.10.4, ADR 0036), put
 * together: the routes, and the evaluator listening to the metric store.
 */
public final class Alarms {
  private final AlarmTemplateStore templates;
  private final AlarmEvaluator evaluator;
  private final AlarmRoutes routes;

  /** {@code groupExists}: whether a notification group of that id exists. */
  public Alarms(Jdbi jdbi, AlarmNotices notices, Predicate<String> groupExists) {
    this.templates = new AlarmTemplateStore(jdbi);
    AlarmRecords records = new AlarmRecords(jdbi);
    this.evaluator = new AlarmEvaluator(templates, records, notices);
    this.routes = new AlarmRoutes(jdbi, templates, records, evaluator, new AlarmTemplateCheck(jdbi, groupExists));
  }

  /** Takes up open records, registers the routes and starts evaluating the store's samples. */
  public Alarms start(ApiRouter router, MetricStore metrics) {
    evaluator.start();
    routes.register(router);
    metrics.listen(evaluator);
    return this;
  }

  /** The names of the templates whose rules tell this notification group (a group in use stays). */
  public List<String> templatesNotifying(String groupId) {
    return templates.templatesNotifying(groupId);
  }

  public AlarmEvaluator evaluator() {
    return evaluator;
  }
}
