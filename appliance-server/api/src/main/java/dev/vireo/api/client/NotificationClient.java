package dev.vireo.api.client;

import static dev.vireo.api.client.UrlParts.segment;

import dev.vireo.api.model.CreateNotificationContactRequest;
import dev.vireo.api.model.CreateNotificationGroupRequest;
import dev.vireo.api.model.NotificationContact;
import dev.vireo.api.model.NotificationDelivery;
import dev.vireo.api.model.NotificationDeliveryStatus;
import dev.vireo.api.model.NotificationGroup;
import dev.vireo.api.model.NotificationTestResult;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.SetSmtpSettingsRequest;
import dev.vireo.api.model.SmtpSettings;
import java.util.Map;

/** Notification contacts, groups, deliveries and the SMTP settings (ADR 0034); from {@link VireoClient#notifications()}. */
public final class NotificationClient {
  private static final String V1 = "/api/v1";
  private final HttpTransport http;

  NotificationClient(HttpTransport http) {
    this.http = http;
  }

  public Page<NotificationContact> listContacts() {
    return http.send("GET", V1 + "/notification-contacts?" + Paging.FIRST_1000.query(), null, Map.of(),
        http.pageOf(NotificationContact.class));
  }

  public NotificationContact getContact(String id) {
    return http.send("GET", V1 + "/notification-contacts/" + segment(id), null, Map.of(),
        http.type(NotificationContact.class));
  }

  public NotificationContact createContact(CreateNotificationContactRequest request) {
    return http.send("POST", V1 + "/notification-contacts", request, Map.of(), http.type(NotificationContact.class));
  }

  public NotificationContact replaceContact(String id, CreateNotificationContactRequest request) {
    return http.send("PUT", V1 + "/notification-contacts/" + segment(id), request, Map.of(),
        http.type(NotificationContact.class));
  }

  /** Deletes the contact; it leaves every group. */
  public void deleteContact(String id) {
    http.send("DELETE", V1 + "/notification-contacts/" + segment(id), null, Map.of(), null);
  }

  public Page<NotificationGroup> listGroups() {
    return http.send("GET", V1 + "/notification-groups?" + Paging.FIRST_1000.query(), null, Map.of(),
        http.pageOf(NotificationGroup.class));
  }

  public NotificationGroup getGroup(String id) {
    return http.send("GET", V1 + "/notification-groups/" + segment(id), null, Map.of(),
        http.type(NotificationGroup.class));
  }

  public NotificationGroup createGroup(CreateNotificationGroupRequest request) {
    return http.send("POST", V1 + "/notification-groups", request, Map.of(), http.type(NotificationGroup.class));
  }

  public NotificationGroup replaceGroup(String id, CreateNotificationGroupRequest request) {
    return http.send("PUT", V1 + "/notification-groups/" + segment(id), request, Map.of(),
        http.type(NotificationGroup.class));
  }

  public void deleteGroup(String id) {
    http.send("DELETE", V1 + "/notification-groups/" + segment(id), null, Map.of(), null);
  }

  /** Sends a test notification to every contact of the group and waits for each outcome. */
  public NotificationTestResult testGroup(String id) {
    return http.send("POST", V1 + "/notification-groups/" + segment(id) + "/test", null, Map.of(),
        http.type(NotificationTestResult.class));
  }

  /** Deliveries newest first; {@code groupId} and {@code status} may be null (no filter). */
  public Page<NotificationDelivery> deliveries(String groupId, NotificationDeliveryStatus status, Paging paging) {
    String q = (groupId == null ? "" : "groupId=" + UrlParts.query(groupId) + "&")
        + (status == null ? "" : "status=" + status + "&") + paging.query();
    return http.send("GET", V1 + "/notification-deliveries?" + q, null, Map.of(),
        http.pageOf(NotificationDelivery.class));
  }

  /** The SMTP settings; the password is never answered, {@code passwordSet} says whether one is stored. */
  public SmtpSettings smtpSettings() {
    return http.send("GET", V1 + "/settings/smtp", null, Map.of(), http.type(SmtpSettings.class));
  }

  /** New SMTP settings; a null password keeps the stored one. */
  public SmtpSettings setSmtpSettings(SetSmtpSettingsRequest request) {
    return http.send("PUT", V1 + "/settings/smtp", request, Map.of(), http.type(SmtpSettings.class));
  }

  /**
   * Sends a test mail to {@code to} through the stored SMTP settings now; an {@link ApiException}
   * with status 502 carries the mail server's refusal, 409 says none is configured.
   */
  public dev.vireo.api.model.SmtpTestResult sendSmtpTestMail(String to) {
    return http.send("POST", V1 + "/settings/smtp/test", new dev.vireo.api.model.SmtpTestRequest(to), Map.of(),
        http.type(dev.vireo.api.model.SmtpTestResult.class));
  }
}
