package dev.vireo.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

class AgentArchitectureTest extends CommonArchitectureTest {
  @Override
  String rootPackage() {
    return "dev.vireo.agent";
  }

  @Test
  void agentDoesNotDependOnServerInternalsOrTheDatabase() {
    noClasses()
        .should().dependOnClassesThat().resideInAnyPackage("dev.vireo.server..", "org.hsqldb..",
            "org.jdbi..", "org.flywaydb..", "dev.vireo.api..")
        .because("a node agent holds no inventory: it executes protocol commands and reports")
        .check(productionClasses());
  }

  @Test
  void protocolDependsOnNothingHeavy() {
    noClasses()
        .that().resideInAPackage("dev.vireo.agent.protocol..")
        .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.vireo.agent.protocol..",
            "com.fasterxml.jackson.annotation..")
        .because("the protocol is a contract shared by server and agent: records only")
        .check(productionClasses());
  }
}
