package dev.vireo.api.client;

import static dev.vireo.api.client.UrlParts.segment;

import dev.vireo.api.model.Alarm;
import dev.vireo.api.model.AlarmBindingsRequest;
import dev.vireo.api.model.AlarmSeverity;
import dev.vireo.api.model.AlarmState;
import dev.vireo.api.model.AlarmTemplate;
import dev.vireo.api.model.CreateAlarmTemplateRequest;
import dev.vireo.api.model.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/** Alarm templates and alarm records (ADR 0036); from {@link VireoClient#alarms()}. */
public final class AlarmClient {
  private static final String V1 = "/api/v1";
  private final HttpTransport http;

  AlarmClient(HttpTransport http) {
    this.http = http;
  }

  public Page<AlarmTemplate> listTemplates() {
    return http.send("GET", V1 + "/alarm-templates?" + Paging.FIRST_1000.query(), null, Map.of(),
        http.pageOf(AlarmTemplate.class));
  }

  /** A template by id or name. */
  public AlarmTemplate getTemplate(String idOrName) {
    return http.send("GET", V1 + "/alarm-templates/" + segment(idOrName), null, Map.of(),
        http.type(AlarmTemplate.class));
  }

  public AlarmTemplate createTemplate(CreateAlarmTemplateRequest request) {
    return http.send("POST", V1 + "/alarm-templates", request, Map.of(), http.type(AlarmTemplate.class));
  }

  /** New name, description and rules; the resource type and bindings stay. */
  public AlarmTemplate replaceTemplate(String idOrName, CreateAlarmTemplateRequest request) {
    return http.send("PUT", V1 + "/alarm-templates/" + segment(idOrName), request, Map.of(),
        http.type(AlarmTemplate.class));
  }

  public void deleteTemplate(String idOrName) {
    http.send("DELETE", V1 + "/alarm-templates/" + segment(idOrName), null, Map.of(), null);
  }

  /** Binds resources of the template's type, in bulk. */
  public AlarmTemplate bind(String idOrName, List<String> resourceIds) {
    return http.send("POST", V1 + "/alarm-templates/" + segment(idOrName) + "/bindings",
        new AlarmBindingsRequest(resourceIds), Map.of(), http.type(AlarmTemplate.class));
  }

  public AlarmTemplate unbind(String idOrName, String resourceId) {
    return http.send("DELETE", V1 + "/alarm-templates/" + segment(idOrName) + "/bindings/" + segment(resourceId),
        null, Map.of(), http.type(AlarmTemplate.class));
  }

  /** Alarm records of any of the states and severities (empty: any), of one resource (null: any), newest first. */
  public Page<Alarm> list(List<AlarmState> states, List<AlarmSeverity> severities, String resourceId, Paging paging) {
    StringJoiner q = new StringJoiner("&");
    if (!states.isEmpty()) {
      q.add("state=" + states.stream().map(Enum::name).collect(Collectors.joining(",")));
    }
    if (!severities.isEmpty()) {
      q.add("severity=" + severities.stream().map(Enum::name).collect(Collectors.joining(",")));
    }
    if (resourceId != null) {
      q.add("resourceId=" + URLEncoder.encode(resourceId, StandardCharsets.UTF_8));
    }
    q.add(paging.query());
    return http.send("GET", V1 + "/alarms?" + q, null, Map.of(), http.pageOf(Alarm.class));
  }

  public Alarm get(String id) {
    return http.send("GET", V1 + "/alarms/" + segment(id), null, Map.of(), http.type(Alarm.class));
  }
}
