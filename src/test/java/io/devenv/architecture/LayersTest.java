package io.devenv.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The package picture of DESIGN.md ("Layers and packages"), checked on devenv's own classes. */
class LayersTest {

  private static JavaClasses devenv;

  @BeforeAll
  static void importClasses() {
    devenv = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.devenv");
  }

  @Test
  @DisplayName("no two packages of devenv depend on each other, directly or around a loop")
  void noCycles() {
    slices().matching("io.devenv.(*)..").should().beFreeOfCycles().check(devenv);
  }

  @Test
  @DisplayName("environment, profile and core use nothing above them")
  void bottomLayers() {
    noClasses().that().resideInAnyPackage("io.devenv.environment..", "io.devenv.profile..", "io.devenv.core..")
        .should().dependOnClassesThat().resideInAnyPackage("io.devenv.cli..", "io.devenv.junit..", "io.devenv.lifecycle..",
            "io.devenv.plan..", "io.devenv.engine..", "io.devenv.aws..", "io.devenv.seed..", "io.devenv.kubernetes..",
            "io.devenv.expose..", "io.devenv.doctor..", "io.devenv.report..")
        .check(devenv);
    noClasses().that().resideInAnyPackage("io.devenv.profile..", "io.devenv.core..")
        .should().dependOnClassesThat().resideInAnyPackage("io.devenv.environment..")
        .check(devenv);
    // The records that cross layers carry no library types; the profile may read the SDK's list of regions.
    noClasses().that().resideInAnyPackage("io.devenv.environment..")
        .should().dependOnClassesThat().resideInAnyPackage("org.testcontainers..", "com.github.dockerjava..",
            "software.amazon.awssdk..", "io.fabric8..")
        .check(devenv);
    noClasses().that().resideInAnyPackage("io.devenv.profile..", "io.devenv.core..")
        .should().dependOnClassesThat().resideInAnyPackage("org.testcontainers..", "com.github.dockerjava..", "io.fabric8..")
        .check(devenv);
  }

  @Test
  @DisplayName("only the engine (and doctor, which inspects the Docker host itself) talks to Docker")
  void onlyTheEngineTalksToDocker() {
    noClasses().that().resideOutsideOfPackages("io.devenv.engine..", "io.devenv.doctor..")
        .should().dependOnClassesThat().resideInAnyPackage("org.testcontainers..", "com.github.dockerjava..")
        .check(devenv);
  }

  @Test
  @DisplayName("entry points (cli, junit) reach the parts and engines only through lifecycle and records")
  void entryPointsGoThroughLifecycle() {
    DescribedPredicate<JavaClass> records = new DescribedPredicate<>("records, enums or interfaces") {
      @Override
      public boolean test(JavaClass c) {
        return c.isRecord() || c.isEnum() || c.isInterface();
      }
    };
    noClasses().that().resideInAnyPackage("io.devenv.cli..", "io.devenv.junit..")
        .should().dependOnClassesThat(resideInAnyPackage("io.devenv.aws..", "io.devenv.seed..", "io.devenv.kubernetes..",
            "io.devenv.engine..").and(not(records)))
        .check(devenv);
  }

  @Test
  @DisplayName("parts never start anything: aws, seed, kubernetes and expose do not use the engine or lifecycle")
  void partsStartNothing() {
    noClasses().that().resideInAnyPackage("io.devenv.aws..", "io.devenv.seed..", "io.devenv.kubernetes..", "io.devenv.expose..")
        .should().dependOnClassesThat().resideInAnyPackage("io.devenv.engine..", "io.devenv.lifecycle..", "io.devenv.plan..",
            "io.devenv.cli..", "io.devenv.junit..")
        .check(devenv);
  }
}
