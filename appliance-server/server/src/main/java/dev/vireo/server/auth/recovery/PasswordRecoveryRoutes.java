package dev.vireo.server.auth.recovery;

import dev.vireo.api.model.PasswordRecoveryRequest;
import dev.vireo.api.model.PasswordResetRequest;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Response;

/** The two open routes of password recovery: ask for a link (always 202), set a new password with it. */
public final class PasswordRecoveryRoutes {
  private final PasswordRecovery recovery;

  public PasswordRecoveryRoutes(PasswordRecovery recovery) {
    this.recovery = recovery;
  }

  public void register(ApiRouter router) {
    router.post("/api/v1/auth/password-recovery", Access.OPEN, r -> {
          PasswordRecoveryRequest req = r.json(PasswordRecoveryRequest.class);
          recovery.request(req.email());
          return new Response(202, null, null, null); // the same whether or not the address is known
        })
        .post("/api/v1/auth/password-reset", Access.OPEN, r -> {
          PasswordResetRequest req = r.json(PasswordResetRequest.class);
          // the e-mailed link carries the token in its query
          String token = req.token() != null ? req.token() : r.query("token");
          recovery.reset(token, req.newPassword());
          return Response.noContent();
        });
  }
}
