package dev.vireo.server.http;

import dev.vireo.api.model.ApiError;
import dev.vireo.api.signing.RequestSigner;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.InputStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps method + path template to handlers. Every request leaves the IO thread, is authenticated
 * according to its route's {@link Access}, and every failure becomes an {@link ApiError} body:
 * never a stack trace.
 */
public final class ApiRouter {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
  private static final int MAX_BODY = 1 << 20;
  private static final long MAX_DRAIN = 64L << 20;
  /** The most a request may send before the connection is cut: the API's limit plus what a 413 drains. */
  public static final long MAX_REQUEST_BYTES = MAX_BODY + MAX_DRAIN + 1;
  private static final HttpString CACHE_CONTROL = new HttpString("Cache-Control");

  private final RoutingHandler routes = new RoutingHandler();
  private final Map<Access, Authenticator> authenticators;
  private final Authorizer authorizer;
  private volatile OperationRecorder recorder = OperationRecorder.NONE;
  /** Why some methods are missing on the paths under a prefix, told in their 405 (e.g. generated resources). */
  private final Map<String, String> methodExplanations = new java.util.concurrent.ConcurrentHashMap<>();

  public ApiRouter(Authenticator users, Authenticator agents) {
    this(users, agents, Authorizer.NONE);
  }

  /** {@code authorizer} guards every USER route: registering one it knows no permission for fails. */
  public ApiRouter(Authenticator users, Authenticator agents, Authorizer authorizer) {
    this.authorizer = authorizer;
    this.authenticators = Map.of(Access.OPEN, c -> "anonymous", Access.USER, users, Access.AGENT, agents);
    routes.setFallbackHandler(ex -> send(ex, 404, error("not_found", null, "no such endpoint: " + ex.getRequestPath())));
    routes.setInvalidMethodHandler(ex -> send(ex, 405, error("method_not_allowed", null, ex.getRequestMethod()
        + " is not allowed on " + ex.getRequestPath() + methodExplanation(ex.getRequestPath()))));
  }

  /** A 405 on {@code pathPrefix} or below also says {@code why}. */
  public ApiRouter explainMethods(String pathPrefix, String why) {
    methodExplanations.put(pathPrefix, why);
    return this;
  }

  private String methodExplanation(String path) {
    return methodExplanations.entrySet().stream()
        .filter(e -> path.equals(e.getKey()) || path.startsWith(e.getKey() + "/"))
        .map(e -> ": " + e.getValue()).findFirst().orElse("");
  }

  /**
   * Where calls of mutating routes (POST, PUT, PATCH, DELETE) by users, and logins, are recorded.
   * Agent routes are not: they are the nodes' reports, not operations (ADR 0032).
   */
  public ApiRouter recordOperationsIn(OperationRecorder operations) {
    this.recorder = operations;
    return this;
  }

  public ApiRouter get(String template, Access access, Handler handler) {
    return add("GET", template, access, handler);
  }

  public ApiRouter post(String template, Access access, Handler handler) {
    return add("POST", template, access, handler);
  }

  public ApiRouter put(String template, Access access, Handler handler) {
    return add("PUT", template, access, handler);
  }

  public ApiRouter patch(String template, Access access, Handler handler) {
    return add("PATCH", template, access, handler);
  }

  public ApiRouter delete(String template, Access access, Handler handler) {
    return add("DELETE", template, access, handler);
  }

  /** A route whose handler manages the exchange itself (server-sent events). */
  public ApiRouter stream(String template, Access access, HttpHandler handler) {
    String permission = permission("GET", template, access);
    routes.add("GET", template, ex -> {
      try {
        String user = caller(ex, access, null);
        if (permission != null) {
          authorizer.authorize(user, permission, template, new Request(ex, new byte[0], user));
        }
      } catch (ApiException e) {
        send(ex, e.status(), error(e.code(), e.field(), e.getMessage()));
        return;
      }
      handler.handleRequest(ex);
    });
    return this;
  }

  /** The permission a USER route requires; none is an error of the build, caught at start (ADR 0038). */
  private String permission(String method, String template, Access access) {
    if (access != Access.USER) {
      return null;
    }
    String p = authorizer.permissionOf(method, template);
    if (p == null) {
      throw new IllegalStateException(method + " " + template
          + " declares no x-vireo-permission in openapi.yaml: every user route must name the permission it needs");
    }
    return p;
  }

  private ApiRouter add(String method, String template, Access access, Handler handler) {
    boolean recorded = !method.equals("GET") && access != Access.AGENT;
    String permission = permission(method, template, access);
    routes.add(method, template, ex -> {
      Runnable call = () -> run(ex, access, permission, template, handler, recorded ? method + " " + template : null);
      if (ex.isInIoThread()) {
        ex.dispatch(call);
      } else {
        call.run();
      }
    });
    return this;
  }

  public HttpHandler handler() {
    return routes;
  }

  /** {@code operation}: "METHOD template" when the call goes to the operation log, else null. */
  private void run(HttpServerExchange ex, Access access, String permission, String template, Handler handler,
      String operation) {
    OperationRecorder.Call recording = null;
    try {
      // a signature covers the body, so a signed request's body is read before it is authenticated
      byte[] signedBody = access == Access.USER
          && RequestSigner.isSigned(ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION)) ? readBody(ex, false) : null;
      String user = caller(ex, access, signedBody);
      OperationNote note = new OperationNote();
      if (operation != null) {
        int space = operation.indexOf(' ');
        recording = recorder.begin(operation.substring(0, space), operation.substring(space + 1), ex, user, note);
      }
      Request request = new Request(ex, new byte[0], user, note, null);
      if (permission != null) {
        request = request.withRegions(authorizer.authorize(user, permission, template, request));
      }
      byte[] body = signedBody != null ? signedBody : readBody(ex, handler instanceof FormHandler);
      note.requestBody(body);
      Request withBody = new Request(ex, body, user, note, request.regions());
      if (request.regions() != null && body.length > 0) {
        authorizer.checkBody(withBody);
      }
      Response r = handler.handle(withBody);
      if (recording != null) {
        OperationRecorder.Call done = recording;
        recording = null;
        done.end(r.status(), r.body(), null);
      }
      if (r.location() != null) {
        ex.getResponseHeaders().put(Headers.LOCATION, r.location());
      }
      if (r.body() == null) {
        ex.setStatusCode(r.status());
        ex.endExchange();
      } else if (r.body() instanceof byte[] raw) {
        ex.setStatusCode(r.status());
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, r.contentType());
        if ("application/json".equals(r.contentType())) {
          ex.getResponseHeaders().put(CACHE_CONTROL, "no-store");
        }
        ex.getResponseSender().send(java.nio.ByteBuffer.wrap(raw));
      } else if (r.body() instanceof FileBody file) {
        file.send(ex);
      } else if (r.body() instanceof EncodedJson encoded) {
        ex.setStatusCode(r.status());
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, r.contentType());
        ex.getResponseHeaders().put(CACHE_CONTROL, "no-store");
        ex.getResponseHeaders().put(Headers.VARY, "Accept-Encoding");
        byte[] bytes = encoded.identity();
        if (encoded.gzip() != null && AcceptEncoding.allowsGzip(ex.getRequestHeaders().get(Headers.ACCEPT_ENCODING))) {
          ex.getResponseHeaders().put(Headers.CONTENT_ENCODING, "gzip");
          bytes = encoded.gzip();
        }
        ex.getResponseSender().send(java.nio.ByteBuffer.wrap(bytes));
      } else {
        send(ex, r.status(), r.body());
      }
    } catch (ApiException e) {
      if (recording != null) {
        recording.end(e.status(), null, e);
      }
      send(ex, e.status(), error(e.code(), e.field(), e.getMessage()));
    } catch (Exception e) {
      LOG.error("{} {} failed", ex.getRequestMethod(), ex.getRequestPath(), e);
      if (recording != null) {
        recording.end(500, null, new ApiException(500, "internal", null, "internal error: " + e));
      }
      send(ex, 500, error("internal", null, "internal error, see the server log"));
    }
  }

  /** The authenticated caller of {@code access}, or the 401 saying which credentials are needed. */
  private String caller(HttpServerExchange ex, Access access, byte[] signedBody) {
    String user = authenticators.get(access).authenticate(RequestCredentials.of(ex, signedBody));
    if (user == null) {
      throw new ApiException(401, "unauthorized", null, access == Access.AGENT ? "a valid join token is required"
          : "a valid bearer token (POST /api/v1/auth/login) or API key signature (docs/api-signing.md) is required");
    }
    return user;
  }

  /** {@code forms}: the route also takes an urlencoded form ({@link FormHandler}). */
  private static byte[] readBody(HttpServerExchange ex, boolean forms) throws java.io.IOException {
    String method = ex.getRequestMethod().toString();
    if (method.equals("GET") || method.equals("DELETE")) {
      return new byte[0];
    }
    String type = ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    ex.startBlocking();
    if (ex.getRequestContentLength() > MAX_BODY) {
      throw tooLarge(ex, ex.getInputStream());
    }
    try (InputStream in = ex.getInputStream()) {
      byte[] body;
      try {
        body = in.readNBytes(MAX_BODY + 1);
      } catch (java.io.IOException e) {
        throw tooLarge(ex, in);
      }
      if (body.length > MAX_BODY) {
        throw tooLarge(ex, in);
      }
      boolean form = forms && type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded");
      if (body.length > 0 && type != null && !type.toLowerCase().startsWith("application/json") && !form) {
        throw new ApiException(415, "unsupported_media_type", "Content-Type", "Content-Type must be application/json");
      }
      return body;
    }
  }

  /**
   * The 413 for a body over the limit. The rest of a moderately large body is read and dropped
   * first, so the client (still sending) receives the answer instead of a reset connection; past
   * {@link #MAX_DRAIN} the connection is closed instead.
   */
  private static ApiException tooLarge(HttpServerExchange ex, InputStream in) {
    try {
      long drained = 0;
      while (drained <= MAX_DRAIN) {
        long n = in.skip(64 * 1024);
        if (n <= 0 && in.read() < 0) {
          break;
        }
        drained += Math.max(n, 1);
      }
      if (drained > MAX_DRAIN) {
        ex.setPersistent(false);
      }
    } catch (java.io.IOException e) {
      ex.setPersistent(false);
    }
    return new ApiException(413, "too_large", null, "request body exceeds 1 MiB");
  }

  static ApiError error(String code, String field, String message) {
    return new ApiError(code, message, field);
  }

  static void send(HttpServerExchange ex, int status, Object body) {
    ex.setStatusCode(status);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    ex.getResponseHeaders().put(CACHE_CONTROL, "no-store");
    ex.getResponseSender().send(java.nio.ByteBuffer.wrap(Json.write(body)));
  }
}
