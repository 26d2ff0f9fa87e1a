package dev.vireo.server.auth.recovery;

import dev.vireo.api.model.PasswordRecoveryRequest;
import dev.vireo.api.model.PasswordResetRequest;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Response;

/**
 * The open routes of password recovery: ask for a link (always 202), the page the e-mailed link
 * opens in a browser (a form that POSTs the new password back to the same address), set a new
 * password with it.
 */
public final class PasswordRecoveryRoutes {
  private final PasswordRecovery recovery;

  private static final byte[] PAGE = page();

  public PasswordRecoveryRoutes(PasswordRecovery recovery) {
    this.recovery = recovery;
  }

  private static byte[] page() {
    try (java.io.InputStream in = PasswordRecoveryRoutes.class.getResourceAsStream("password-reset.html")) {
      return in.readAllBytes();
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("password-reset.html is missing from the server's classpath", e);
    }
  }

  public void register(ApiRouter router) {
    router.post("/api/v1/auth/password-recovery", Access.OPEN, r -> {
          PasswordRecoveryRequest req = r.json(PasswordRecoveryRequest.class);
          recovery.request(req.email());
          return new Response(202, null, null, null); // the same whether or not the address is known
        })
        // static: nothing of the request is echoed into the page (the script reads the token itself)
        .get("/api/v1/auth/password-reset", Access.OPEN, r -> Response.raw(200, PAGE, "text/html; charset=utf-8"))
        .post("/api/v1/auth/password-reset", Access.OPEN, r -> {
          PasswordResetRequest req = r.json(PasswordResetRequest.class);
          // the e-mailed link carries the token in its query
          String token = req.token() != null ? req.token() : r.query("token");
          recovery.reset(token, req.newPassword());
          return Response.noContent();
        });
  }
}
