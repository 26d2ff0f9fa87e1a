package dev.vireo.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Rules every module keeps; each module's test names the packages it owns (JabRef's
 * CommonArchitectureTest pattern).
 */
abstract class CommonArchitectureTest {

  /** Root package of the module under test, e.g. {@code dev.vireo.server}. */
  abstract String rootPackage();

  final JavaClasses productionClasses() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(rootPackage());
  }

  @Test
  void productionCodeDoesNotPrintToStandardStreams() {
    noClasses()
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .because("production code logs through SLF4J so operators can route and filter it"
            + " (the CLI, whose output is its product, opts out)")
        .allowEmptyShould(true)
        .check(productionClasses().that(
            com.tngtech.archunit.base.DescribedPredicate.not(
                com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(
                    "dev.vireo.cli.."))));
  }

  @Test
  void productionCodeDoesNotUseJavaUtilLogging() {
    noClasses()
        .should().dependOnClassesThat().resideInAPackage("java.util.logging..")
        .because("logging goes through SLF4J only")
        .allowEmptyShould(true)
        .check(productionClasses());
  }

  @Test
  void onlyTheAgentsLibvirtPackageTouchesLibvirt() {
    noClasses()
        .that().resideOutsideOfPackage("dev.vireo.agent.libvirt..")
        .should().dependOnClassesThat().resideInAPackage("org.libvirt..")
        .because("libvirt is an implementation detail of the node agent's libvirt package")
        .allowEmptyShould(true)
        .check(productionClasses());
  }
}
