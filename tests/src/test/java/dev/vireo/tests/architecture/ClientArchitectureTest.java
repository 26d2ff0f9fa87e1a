package dev.vireo.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import javafx.collections.FXCollections;

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

  @Test
  void readOnlyListViewsAreMadeOnceNotPerCall() {
    noClasses()
        .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>(
            "FXCollections.unmodifiableObservableList outside a constructor or field initialiser") {
          @Override
          public boolean test(JavaMethodCall call) {
            return call.getTarget().getOwner().isEquivalentTo(FXCollections.class)
                && call.getTarget().getName().equals("unmodifiableObservableList")
                && !call.getOrigin().isConstructor() && !call.getOrigin().getName().equals("<clinit>");
          }
        })
        .because("an unmodifiable view listens to its list only weakly: one made per call is collected with the"
            + " listeners a view added to it, and the screen silently stops updating (the live VM chart under"
            + " load); make it once, in a field")
        .check(productionClasses());
  }
}
