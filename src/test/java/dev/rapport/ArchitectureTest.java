package dev.rapport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the modular monolith modular: capabilities talk through their public API only. */
class ArchitectureTest {

  static final List<String> CAPABILITIES =
      List.of(
          "workspace",
          "people",
          "authenticity",
          "engagement",
          "content",
          "publishing",
          "platforms",
          "imports",
          "simulation");

  static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.rapport");
  }

  @Test
  void capabilitiesDoNotReachIntoEachOthersInternals() {
    for (String owner : CAPABILITIES) {
      ArchRule rule =
          noClasses()
              .that()
              .resideOutsideOfPackages("dev.rapport." + owner + "..", "dev.rapport.app..")
              .should()
              .dependOnClassesThat()
              .resideInAPackage("dev.rapport." + owner + ".internal..")
              .because("only " + owner + " itself and the wiring in app may use its internals")
              .allowEmptyShould(true);
      rule.check(classes);
    }
  }

  @Test
  void capabilitiesKnowNothingOfWebOrCli() {
    String[] capabilityPackages =
        CAPABILITIES.stream().map(c -> "dev.rapport." + c + "..").toArray(String[]::new);
    noClasses()
        .that()
        .resideInAnyPackage(capabilityPackages)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.rapport.web..", "dev.rapport.cli..", "io.javalin..", "picocli..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void scoringKernelIsPlainCode() {
    // The authenticity kernel must run unchanged in a batch job: no database, web or framework.
    noClasses()
        .that()
        .resideInAPackage("dev.rapport.authenticity")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..", "javax.sql..", "org.jdbi..", "io.javalin..", "dev.rapport.store..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void webAndCliAreNotUsedByTheStore() {
    noClasses()
        .that()
        .resideInAPackage("dev.rapport.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.rapport.web..", "dev.rapport.cli..")
        .allowEmptyShould(true)
        .check(classes);
  }
}
