package dev.vireo.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The server's openapi.yaml, read from the server jar (the very file it serves), and queries on it. */
public final class OpenApi {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");
  private final JsonNode root;
  private final SchemaValidator validator;

  private OpenApi(JsonNode root) {
    this.root = root;
    this.validator = new SchemaValidator(root);
  }

  public static OpenApi load() throws Exception {
    try (InputStream in = OpenApi.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml is not on the classpath");
      }
      return new OpenApi(new YAMLMapper().readTree(in));
    }
  }

  public JsonNode root() {
    return root;
  }

  /** Every documented operation as "METHOD /path", in document order. */
  public Set<String> operations() {
    Set<String> ops = new LinkedHashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> p = paths.next();
      p.getValue().fieldNames().forEachRemaining(m -> {
        if (METHODS.contains(m)) {
          ops.add(m.toUpperCase() + " " + p.getKey());
        }
      });
    }
    return ops;
  }

  public JsonNode operation(String op) {
    String[] mp = op.split(" ", 2);
    JsonNode node = root.path("paths").path(mp[1]).path(mp[0].toLowerCase());
    if (node.isMissingNode()) {
      throw new AssertionError(op + " is not documented");
    }
    return node;
  }

  /** The one 2xx status an operation documents (its one 3xx when it documents no 2xx). */
  public int successStatus(String op) {
    List<Integer> ok = new ArrayList<>();
    operation(op).path("responses").fieldNames().forEachRemaining(s -> {
      if (s.startsWith("2")) {
        ok.add(Integer.parseInt(s));
      }
    });
    if (ok.isEmpty()) {
      // a redirecting endpoint (the OAuth sign-in form) succeeds with its one 3xx
      operation(op).path("responses").fieldNames().forEachRemaining(s -> {
        if (s.startsWith("3")) {
          ok.add(Integer.parseInt(s));
        }
      });
    }
    if (ok.contains(200)) {
      ok.remove(Integer.valueOf(206)); // a byte range of a download: the request without Range answers 200
    }
    if (ok.size() != 1) {
      throw new AssertionError(op + " documents " + ok.size() + " success statuses, expected exactly one");
    }
    return ok.get(0);
  }

  /** The resolved response object for a status (or null when the status is not documented). */
  public JsonNode response(String op, int status) {
    JsonNode r = operation(op).path("responses").path(Integer.toString(status));
    return r.isMissingNode() ? null : resolve(r);
  }

  /** The request body's JSON schema, or null when the operation takes no body. */
  public JsonNode requestSchema(String op) {
    JsonNode body = operation(op).path("requestBody");
    return body.isMissingNode() ? null : resolve(body).path("content").path("application/json").path("schema");
  }

  public JsonNode schema(String name) {
    return root.path("components").path("schemas").path(name);
  }

  public List<String> schemaNames() {
    List<String> names = new ArrayList<>();
    root.path("components").path("schemas").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Follows a local {@code $ref}; anything else is returned as is. */
  public JsonNode resolve(JsonNode node) {
    return validator.resolve(node);
  }

  /** Structural violations of {@code value} against {@code schema}; empty when it conforms. */
  public List<String> validate(JsonNode value, JsonNode schema) {
    List<String> errors = new ArrayList<>();
    validator.validate(value, schema, "$", errors);
    return errors;
  }
}
