package dev.vireo.server.console;

import dev.vireo.agent.protocol.DisplayReply;
import dev.vireo.agent.protocol.SetDisplayPasswordCommand;
import dev.vireo.api.model.ConsoleProtocol;
import dev.vireo.api.model.ConsoleTicket;
import dev.vireo.api.model.CreateConsoleTicketRequest;
import dev.vireo.api.model.SpiceConnection;
import dev.vireo.api.model.VmState;
import dev.vireo.server.config.ServerConfig;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.node.NodeStore;
import dev.vireo.server.tls.ServerCertificate;
import dev.vireo.server.vm.VmHost;
import dev.vireo.server.vm.VmRecord;
import dev.vireo.server.vm.VmStore;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/vms/{id}/console} (white paper 4.2.11, ADR 0030, 0031): a one-time ticket for
 * the RUNNING VM's VNC console (through the console gateway) or SPICE display (through the SPICE
 * proxy). Each ticket gets its own display password, set on the VM's node and valid for new
 * connections only until the ticket expires; the ticket itself is stored only as a hash.
 */
public final class ConsoleRoutes implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] PASSWORD = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  private final VmStore vms;
  private final VmHost host;
  private final ConsoleTicketStore tickets;
  private final SessionWatch watch;
  private final ConsoleGateway gateway;
  private final SpiceProxy spice;
  /** The server certificate as SPICE tickets carry it (PEM, subject), read per ticket: it may be replaced. */
  private final ServerCertificate certificate;
  private final String publicHost;
  private final Duration ticketLife;
  private final EventBus events;

  public ConsoleRoutes(Jdbi jdbi, VmStore vms, VmHost host, NodeStore nodes, EventBus events,
      ServerCertificate certificate, ServerConfig config) throws IOException {
    this.vms = vms;
    this.host = host;
    this.events = events;
    this.certificate = certificate;
    this.tickets = new ConsoleTicketStore(jdbi);
    this.watch = new SessionWatch(Duration.ofSeconds(config.console().idleSeconds()), events);
    this.gateway = new ConsoleGateway(certificate.sslContext(), config.listen(), config.console().port(), tickets,
        nodes, watch);
    this.spice = new SpiceProxy(certificate.sslContext(), config.listen(), config.console().spicePort(), tickets,
        nodes, watch);
    this.publicHost = URI.create(config.publicUrl()).getHost();
    this.ticketLife = Duration.ofSeconds(config.console().ticketSeconds());
  }

  public void register(ApiRouter router) {
    router.post("/api/v1/vms/{id}/console", Access.USER, this::issue);
  }

  public int gatewayPort() {
    return gateway.port();
  }

  public int spiceProxyPort() {
    return spice.port();
  }

  private Response issue(Request r) throws InterruptedException {
    String id = r.path("id");
    VmRecord vm = vms.resolve(id).orElseThrow(() -> ApiException.notFound("VM", id));
    ConsoleProtocol protocol = r.body().length == 0 ? ConsoleProtocol.VNC
        : r.json(CreateConsoleTicketRequest.class).protocol();
    if (protocol == null) {
      protocol = ConsoleProtocol.VNC;
    }
    if (vm.state() != VmState.RUNNING || vm.nodeId() == null) {
      throw ApiException.conflict("VM " + vm.id() + " is " + vm.state() + "; a console is for a RUNNING VM");
    }
    boolean isSpice = protocol == ConsoleProtocol.SPICE;
    String token = isSpice ? hexToken() : token();
    String password = password(isSpice ? 16 : 8);
    Instant expires = Instant.now().plus(ticketLife);
    try {
      host.call(vm, new SetDisplayPasswordCommand(vm.id(), password, expires, protocol.name()), DisplayReply.class,
          Duration.ofSeconds(15));
    } catch (JobFailedException e) {
      throw new ApiException(502, "node_unavailable", null, "cannot prepare the display of VM " + vm.id() + " on node "
          + vm.nodeId() + ": " + e.getMessage());
    }
    String ticketId = Ids.next("ct");
    tickets.insert(ticketId, token, vm.id(), vm.nodeId(), protocol.name(), r.username(), expires);
    r.note().remark(protocol + " console ticket " + ticketId + ", valid until " + expires);
    LOG.info("console ticket {} ({}) for VM {} issued to {} from {}, valid until {}", ticketId, protocol, vm.id(),
        r.username(), r.exchange().getSourceAddress(), expires);
    events.publish("console-ticket", ticketId, "ISSUED");
    ConsoleTicket ticket = isSpice
        ? new ConsoleTicket(ticketId, vm.id(), protocol, publicHost, spice.port(), token, password, expires,
            new SpiceConnection("http://" + publicHost + ":" + spice.port(), token + "." + vm.id(), spice.port(),
                certificate.subject(), certificate.pem()))
        : new ConsoleTicket(ticketId, vm.id(), protocol, publicHost, gateway.port(), token, password, expires);
    return new Response(201, ticket, "application/json", null);
  }

  private static String token() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** 160 random bits in lower-case hex: a DNS label, as the SPICE proxy's CONNECT host carries it. */
  private static String hexToken() {
    byte[] b = new byte[20];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** {@code length} characters (VNC allows 8), without look-alikes. */
  private static String password(int length) {
    char[] c = new char[length];
    for (int i = 0; i < c.length; i++) {
      c[i] = PASSWORD[RANDOM.nextInt(PASSWORD.length)];
    }
    return new String(c);
  }

  @Override
  public void close() {
    gateway.close();
    spice.close();
    watch.close();
  }
}
