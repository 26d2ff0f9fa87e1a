package dev.vireo.cli;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Ping;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code vireo status}: is the saved login usable, and what does the server hold. */
final class StatusCommand {
  private final Session session;

  StatusCommand(Session session) {
    this.session = session;
  }

  int run(List<String> tokens) {
    Args.parse(tokens, Set.of(), Set.of()).noMorePositionalsThan(0);
    Profile profile = session.profile();
    VireoClient client = session.client();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("server", profile.server());
    status.put("fingerprint", client.fingerprint());
    status.put("user", profile.user());
    Ping ping;
    try {
      ping = client.ping();
    } catch (ApiException e) {
      if (e.status() != 401) {
        throw e;
      }
      status.put("tokenValid", false);
      print(status);
      throw new CommandFailedException("the saved token was rejected (" + e.detail() + "); run: vireo login");
    }
    status.put("tokenValid", true);
    status.put("version", ping.version());
    status.put("nodes", client.listNodes().total());
    status.put("vms", client.listVms(null, null).total());
    status.put("images", client.listImages().total());
    print(status);
    return VireoCli.OK;
  }

  private void print(Map<String, Object> status) {
    Output out = session.out;
    out.result(status, () -> {
      Map<String, String> text = new LinkedHashMap<>();
      status.forEach((k, v) -> text.put(k, k.equals("tokenValid") ? ((Boolean) v ? "valid" : "rejected")
          : Human.str(v)));
      text.put("token", text.remove("tokenValid"));
      out.fields(text);
    });
  }
}
