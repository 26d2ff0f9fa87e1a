package dev.vireo.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

class ClientArchitectureTest extends CommonArchitectureTest {
  @Override
  String rootPackage() {
    return "dev.vireo.client";
  }

  @Test
  void desktopClientNeverTouchesTheDatabaseOrLibvirt() {
    noClasses()
        .should().dependOnClassesThat().resideInAnyPackage("org.hsqldb..", "org.jdbi..", "org.libvirt..",
            "dev.vireo.server..", "dev.vireo.agent..", "java.sql..")
        .because("the desktop client talks only to the REST API through the SDK")
        .check(productionClasses());
  }

  @Test
  void viewsNeverCallTheSdk() {
    noClasses().that().haveSimpleNameEndingWith("View").or().haveSimpleNameEndingWith("Window")
        .should().dependOnClassesThat().resideInAPackage("dev.vireo.api.client..")
        .because("views run on the FX thread; only view-models call the SDK, through Background, so the UI"
            + " never blocks on the network (issue 7)")
        .check(productionClasses());
  }
}
