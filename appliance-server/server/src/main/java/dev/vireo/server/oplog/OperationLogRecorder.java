package dev.vireo.server.oplog;

import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.OperationResult;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.OperationNote;
import dev.vireo.server.http.OperationRecorder;
import io.undertow.server.HttpServerExchange;
import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.server.http.Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the operation log from the router: the entry is opened (RUNNING) before the handler runs
 * with the route's operation, the caller, the source address, the resources in the path and their
 * region; closed with the status, the refusal's code and message, the resource a create made, the
 * job of a 202 and what the handler noted. A failure to write the log is logged, never the call's.
 */
public final class OperationLogRecorder implements OperationRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(OperationLogRecorder.class);
  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
  /** The server's resource ids: a kind, a dash, hex ("vm-3f2a9c1d0b4e", "job-…"). */
  private static final Pattern RESOURCE_ID = Pattern.compile("[a-z]+(?:-[a-z]+)*-[0-9a-f]{12,32}");
  private static final int MAX_RESOURCES = 32;
  private static final Pattern SECRET_FIELD = Pattern.compile("(?i)password|secret|token");

  private final Jdbi jdbi;
  private final OperationLog log;
  private final OperationCatalog catalog;

  public OperationLogRecorder(Jdbi jdbi, OperationLog log, OperationCatalog catalog) {
    this.jdbi = jdbi;
    this.log = log;
    this.catalog = catalog;
  }

  @Override
  public Call begin(String method, String template, HttpServerExchange ex, String caller, OperationNote note) {
    try {
      OperationCatalog.Operation op = catalog.of(method, template);
      List<String> resources = pathResources(template, ex);
      String region = jdbi.withHandle(h -> RegionLookup.regionOf(h, resources));
      InetSocketAddress source = ex.getSourceAddress();
      long id = log.open(new OperationLog.Opening(op.id(), op.module(), method, ex.getRequestPath(), region,
          resources, caller, source == null ? null : source.getAddress().getHostAddress()));
      return (status, body, error) -> close(id, caller, resources, region, note, status, body, error);
    } catch (RuntimeException e) {
      LOG.error("could not open the operation-log entry of {} {}", method, ex.getRequestPath(), e);
      return (status, body, error) -> { };
    }
  }

  private void close(long id, String caller, List<String> pathResources, String region, OperationNote note,
      int status, Object body, ApiException error) {
    try {
      List<String> resources = new ArrayList<>(pathResources);
      String jobId = null;
      if (body instanceof Accepted accepted) {
        jobId = accepted.jobId();
        add(resources, accepted.resourceId());
      } else if (error == null) {
        add(resources, idOf(body));
      }
      note.resources().forEach(r -> add(resources, r));
      bodyResources(note.requestBody(), resources);
      String finalRegion = region != null || resources.size() == pathResources.size() ? region
          : jdbi.withHandle(h -> RegionLookup.regionOf(h, resources));
      OperationResult result = error != null || status >= 400 ? OperationResult.FAILED
          : jobId != null ? OperationResult.RUNNING : OperationResult.SUCCEEDED;
      String operator = note.operator() != null ? note.operator() : caller;
      String code = error != null ? error.code() : status >= 400 ? note.refusalCode() : null;
      String reason = error != null ? error.getMessage() : status >= 400 ? note.refusalReason() : null;
      log.close(id, new OperationLog.Closing(result, status, code, reason, finalRegion, resources, operator,
          note.remark(), jobId));
      if (jobId != null) {
        log.jobEnded(jobId); // a job that finished before the answer was written
      }
    } catch (RuntimeException e) {
      LOG.error("could not close operation-log entry {}", id, e);
    }
  }

  /** Ids the request body names (a disk to attach, a node to migrate to), however deep. */
  private static void bodyResources(byte[] body, List<String> ids) {
    if (body.length == 0 || body.length > 64 * 1024) {
      return;
    }
    try {
      Deque<JsonNode> todo = new ArrayDeque<>(List.of(Json.MAPPER.readTree(body)));
      while (!todo.isEmpty() && ids.size() < MAX_RESOURCES) {
        JsonNode n = todo.pop();
        if (n.isTextual() && RESOURCE_ID.matcher(n.asText()).matches()) {
          add(ids, n.asText());
        } else if (n.isObject()) {
          // a secret shaped like an id (a password "mail-0123456789ab") must not become a resource
          n.fields().forEachRemaining(f -> {
            if (!SECRET_FIELD.matcher(f.getKey()).find()) {
              todo.add(f.getValue());
            }
          });
        } else if (n.isContainerNode()) {
          n.elements().forEachRemaining(todo::add);
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not JSON: the call was refused for it, nothing to name
    }
  }

  private static List<String> pathResources(String template, HttpServerExchange ex) {
    List<String> ids = new ArrayList<>();
    Matcher m = PARAM.matcher(template);
    while (m.find()) {
      String name = m.group(1);
      if (!name.equals("id") && !name.endsWith("Id")) {
        continue; // a NIC's index is not a resource
      }
      Deque<String> v = ex.getQueryParameters().get(name);
      if (v != null && !v.isEmpty()) {
        add(ids, v.getFirst());
      }
    }
    return ids;
  }

  /** The {@code id} of a record answered by a create (a spec, a ticket's VM is in the path). */
  private static String idOf(Object body) {
    if (body instanceof Record r) {
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        if (c.getName().equals("id") && c.getType() == String.class) {
          try {
            return (String) c.getAccessor().invoke(r);
          } catch (ReflectiveOperationException e) {
            return null;
          }
        }
      }
    }
    return null;
  }

  private static void add(List<String> ids, String id) {
    if (id != null && !id.isBlank() && !ids.contains(id)) {
      ids.add(id);
    }
  }
}
