package dev.vireo.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

class ApiArchitectureTest extends CommonArchitectureTest {
  @Override
  String rootPackage() {
    return "dev.vireo.api";
  }

  @Test
  void modelDependsOnNothingHeavy() {
    noClasses()
        .that().resideInAPackage("dev.vireo.api.model..")
        .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.vireo.api.model..",
            "com.fasterxml.jackson.annotation..")
        .because("the REST model is shared by the server, the SDK, the CLI and the desktop client")
        .check(productionClasses());
  }

  @Test
  void sdkDoesNotReachIntoServerOrAgent() {
    noClasses()
        .should().dependOnClassesThat().resideInAnyPackage("dev.vireo.server..", "dev.vireo.agent..")
        .because("the SDK speaks only HTTP to the server")
        .check(productionClasses());
  }
}
