package dev.governor.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.governor.testsupport.NeedsStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on the compiled main classes of every module: no
 * two packages lean on each other, services never reach into one another, the shared libraries never
 * into a service, only a service's HTTP edge ({@code api}, {@code admin}) speaks JAX-RS, the simulator
 * shares no code with Governor, and every test that boots Quarkus is marked
 * {@code @NeedsStack} (so the {@code fast} profile leaves it out). Plain JUnit over class files: about two
 * seconds.
 */
class PackageDependenciesTest {

    private static final List<String> MODULES = List.of(
            "common",
            "service-support",
            "salesforce-client",
            "salesforce-simulator",
            "ingress-service",
            "delivery-service",
            "event-bridge-service",
            "archive-service");

    private static JavaClasses classes;
    private static JavaClasses testClasses;

    @BeforeAll
    static void importMainClasses() {
        Path root = Path.of(System.getProperty("governor.repo.root", ".."));
        List<Path> dirs = MODULES.stream()
                .map(m -> root.resolve(m).resolve("target/classes"))
                .toList();
        assertThat(dirs)
                .as("compiled main classes of every module (build the modules first)")
                .allMatch(Files::isDirectory);
        classes = new ClassFileImporter().importPaths(dirs);
        testClasses = new ClassFileImporter()
                .importPaths(MODULES.stream()
                        .map(m -> root.resolve(m).resolve("target/test-classes"))
                        .filter(Files::isDirectory)
                        .toList());
    }

    @Test
    void onlyAServicesHttpEdgeSpeaksJaxRs() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.governor.ingress..",
                        "dev.governor.delivery..",
                        "dev.governor.eventbridge..",
                        "dev.governor.archive..")
                .and()
                .resideOutsideOfPackages("..api..", "..admin..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.ws.rs..")
                .check(classes);
    }

    @Test
    void everyQuarkusTestIsMarkedAsNeedingTheStack() {
        classes()
                .that()
                .areAnnotatedWith("io.quarkus.test.junit.QuarkusTest")
                .should()
                .beAnnotatedWith(NeedsStack.class)
                .check(testClasses);
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("dev.governor.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void servicesNeverReachIntoOneAnother() {
        List<String> services = List.of("ingress", "delivery", "eventbridge", "archive");
        for (String service : services) {
            String[] others = services.stream()
                    .filter(s -> !s.equals(service))
                    .map(s -> "dev.governor." + s + "..")
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage("dev.governor." + service + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .allowEmptyShould(true) // a service with no classes yet breaks no rule
                    .check(classes);
        }
    }

    @Test
    void sharedLibrariesNeverReachIntoAService() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.governor.common..", "dev.governor.service..", "dev.governor.salesforce..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.governor.ingress..",
                        "dev.governor.delivery..",
                        "dev.governor.eventbridge..",
                        "dev.governor.archive..",
                        "dev.governor.simulator..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("dev.governor.common..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.governor.service..", "dev.governor.salesforce..")
                .check(classes);
    }

    @Test
    void theSimulatorIsSalesforceNotGovernor() {
        noClasses()
                .that()
                .resideInAPackage("dev.governor.simulator..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.governor.common..",
                        "dev.governor.service..",
                        "dev.governor.salesforce..",
                        "dev.governor.ingress..",
                        "dev.governor.delivery..")
                .check(classes);
    }
}
