package dev.vireo.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import org.junit.jupiter.api.Test;

class ServerArchitectureTest extends CommonArchitectureTest {
  @Override
  String rootPackage() {
    return "dev.vireo.server";
  }

  @Test
  void serverTalksToAgentsOnlyThroughTheProtocol() {
    noClasses()
        .should().dependOnClassesThat(resideInAPackage("dev.vireo.agent..")
            .and(not(resideInAPackage("dev.vireo.agent.protocol.."))))
        .because("agents may run anywhere; the server knows only the closed command protocol")
        .check(productionClasses());
  }

  @Test
  void serverDoesNotDependOnClients() {
    noClasses()
        .should().dependOnClassesThat().resideInAnyPackage("dev.vireo.cli..", "dev.vireo.client..",
            "dev.vireo.api.client..", "javafx..")
        .because("clients depend on the server's API, never the other way round")
        .check(productionClasses());
  }

  @Test
  void onlyTheNotifierSendsMail() {
    noClasses().that().resideOutsideOfPackage("dev.vireo.server.notify..")
        .should().dependOnClassesThat().resideInAPackage("jakarta.mail..")
        .because("alarms, rules and events hand notifications to the notifier, which owns SMTP, retries and the"
            + " delivery log (ADR 0034, 0036)")
        .check(productionClasses());
  }
}
