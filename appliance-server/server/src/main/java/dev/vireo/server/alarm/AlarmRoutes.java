package dev.vireo.server.alarm;

import dev.vireo.api.model.AlarmBindingsRequest;
import dev.vireo.api.model.AlarmSeverity;
import dev.vireo.api.model.AlarmState;
import dev.vireo.api.model.AlarmTemplate;
import dev.vireo.api.model.CreateAlarmTemplateRequest;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.RegionClause;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.inventory.Ids;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Alarm templates and alarm records (white paper 5.10.3-5.10.4, ADR 0036). Templates are plain
 * records (no job: nothing on the nodes changes), created 201, replaced 200, deleted 204; a change
 * rebuilds the evaluator's index at once.
 */
final class AlarmRoutes {
  private final Jdbi jdbi;
  private final AlarmTemplateStore templates;
  private final AlarmRecords records;
  private final AlarmEvaluator evaluator;
  private final AlarmTemplateCheck check;

  AlarmRoutes(Jdbi jdbi, AlarmTemplateStore templates, AlarmRecords records, AlarmEvaluator evaluator,
      AlarmTemplateCheck check) {
    this.jdbi = jdbi;
    this.templates = templates;
    this.records = records;
    this.evaluator = evaluator;
    this.check = check;
  }

  void register(ApiRouter router) {
    router.get("/api/v1/alarm-templates", Access.USER, r -> Response.ok(r.page(templates.list())))
        .get("/api/v1/alarm-templates/{id}", Access.USER, r -> Response.ok(find(r.path("id"))))
        .post("/api/v1/alarm-templates", Access.USER, this::create)
        .put("/api/v1/alarm-templates/{id}", Access.USER, this::replace)
        .delete("/api/v1/alarm-templates/{id}", Access.USER, this::delete)
        .post("/api/v1/alarm-templates/{id}/bindings", Access.USER, this::bind)
        .delete("/api/v1/alarm-templates/{id}/bindings/{resourceId}", Access.USER, this::unbind)
        .get("/api/v1/alarms", Access.USER, this::alarms)
        .get("/api/v1/alarms/{id}", Access.USER, r -> Response.ok(records.find(r.path("id"), RegionClause.of(r))
            .orElseThrow(() -> ApiException.notFound("alarm", r.path("id")))));
  }

  private AlarmTemplate find(String idOrName) {
    return templates.resolve(idOrName).orElseThrow(() -> ApiException.notFound("alarm template", idOrName));
  }

  private Response create(Request r) {
    AlarmTemplate t = check.template(Ids.next("at"), r.json(CreateAlarmTemplateRequest.class), null, List.of(),
        Instant.now());
    jdbi.useTransaction(h -> {
      refuseTakenName(h, t);
      templates.insert(h, t);
    });
    r.note().resource(t.id());
    evaluator.reload();
    return Response.created(find(t.id()), "/api/v1/alarm-templates/" + t.id());
  }

  private Response replace(Request r) {
    AlarmTemplate old = find(r.path("id"));
    AlarmTemplate t = check.template(old.id(), r.json(CreateAlarmTemplateRequest.class), old.resourceType(),
        old.resourceIds(), old.createdAt());
    jdbi.useTransaction(h -> {
      refuseTakenName(h, t);
      templates.update(h, t);
    });
    evaluator.reload();
    return Response.ok(find(t.id()));
  }

  private Response delete(Request r) {
    AlarmTemplate t = find(r.path("id"));
    jdbi.useTransaction(h -> templates.delete(h, t.id()));
    evaluator.reload();
    return Response.noContent();
  }

  private Response bind(Request r) {
    AlarmTemplate t = find(r.path("id"));
    AlarmBindingsRequest req = r.json(AlarmBindingsRequest.class);
    List<String> ids = check.resources(t.resourceType(), req == null ? null : req.resourceIds());
    jdbi.useTransaction(h -> templates.bind(h, t.id(), ids));
    ids.forEach(r.note()::resource);
    evaluator.reload();
    return Response.ok(find(t.id()));
  }

  private Response unbind(Request r) {
    AlarmTemplate t = find(r.path("id"));
    String resource = r.path("resourceId");
    if (!jdbi.inTransaction(h -> templates.unbind(h, t.id(), resource))) {
      throw ApiException.notFound("binding of alarm template " + t.name() + " to", resource);
    }
    evaluator.reload();
    return Response.ok(find(t.id()));
  }

  private Response alarms(Request r) {
    Instant to = r.queryInstant("to", null);
    Instant from = r.queryInstant("from", null);
    if (from != null && to != null && !from.isBefore(to)) {
      throw ApiException.invalid("from", "must be before to (" + to + ")");
    }
    String type = r.query("resourceType");
    if (type != null && !AlarmTemplateCheck.TYPES.contains(type)) {
      throw ApiException.invalid("resourceType", "must be one of " + AlarmTemplateCheck.TYPES);
    }
    var filter = new AlarmRecords.Filter(r.queryEnums("state", AlarmState.class), r.queryEnums("severity", AlarmSeverity.class),
        type, blankToNull(r.query("resourceId")), blankToNull(r.query("templateId")), from, to);
    return Response.ok(records.page(filter, RegionClause.of(r), r.queryInt("offset", 0, 0, Integer.MAX_VALUE),
        r.queryInt("limit", 100, 1, 1000)));
  }

  private void refuseTakenName(org.jdbi.v3.core.Handle h, AlarmTemplate t) {
    if (templates.nameTaken(h, t.name(), t.id())) {
      throw new ApiException(409, "conflict", "name", "name: an alarm template named '" + t.name()
          + "' already exists");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
