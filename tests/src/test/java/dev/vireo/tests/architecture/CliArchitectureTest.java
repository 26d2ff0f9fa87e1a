package dev.vireo.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

class CliArchitectureTest extends CommonArchitectureTest {
  @Override
  String rootPackage() {
    return "dev.vireo.cli";
  }

  @Test
  void cliUsesOnlyTheSdk() {
    noClasses()
        .should().dependOnClassesThat().resideInAnyPackage("dev.vireo.server..", "dev.vireo.agent..",
            "org.hsqldb..", "org.libvirt..", "java.sql..")
        .because("the CLI is a client of the REST API through the same SDK as the desktop client")
        .check(productionClasses());
  }
}
