package dev.switchboard.sender.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package dependency rules of docs/architecture.md. Features depend downwards only:
 * {@code chat -> message -> read -> receipt -> membership}, {@code admin -> message, membership}; below them the
 * infrastructure ({@code outbox, auth, database, problem, json}), which depends on no feature.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.switchboard.sender";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void infrastructureDependsOnNoFeature() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        pkg("outbox"), pkg("auth"), pkg("database"), pkg("problem"), pkg("json"), pkg("ratelimit"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        pkg("chat"),
                        pkg("message"),
                        pkg("read"),
                        pkg("receipt"),
                        pkg("grant"),
                        pkg("membership"),
                        pkg("admin"))
                .check(classes);
    }

    @Test
    void membershipIsTheLowestFeature() {
        noClasses()
                .that()
                .resideInAPackage(pkg("membership"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(pkg("chat"), pkg("message"), pkg("read"), pkg("receipt"), pkg("admin"))
                .check(classes);
    }

    @Test
    void receiptsKnowNothingOfChatsMessagesReadsOrAdmin() {
        noClasses()
                .that()
                .resideInAPackage(pkg("receipt"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(pkg("chat"), pkg("message"), pkg("read"), pkg("admin"))
                .check(classes);
    }

    @Test
    void readKnowsNothingOfChatsMessagesOrAdmin() {
        noClasses()
                .that()
                .resideInAPackage(pkg("read"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(pkg("chat"), pkg("message"), pkg("admin"))
                .check(classes);
    }

    @Test
    void messagesKnowNothingOfChatsOrAdmin() {
        noClasses()
                .that()
                .resideInAPackage(pkg("message"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(pkg("chat"), pkg("admin"))
                .check(classes);
    }

    @Test
    void nothingDependsOnTheAdminApi() {
        noClasses()
                .that()
                .resideOutsideOfPackage(pkg("admin"))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(pkg("admin"))
                .check(classes);
    }

    @Test
    void onlyTheRedisTransportUsesTheRedisClient() {
        noClasses()
                .that()
                .haveNameNotMatching(ROOT + "\\.(outbox|ratelimit|redis)\\.Redis.*")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.vertx.redis..", "io.vertx.mutiny.redis..")
                .check(classes);
    }

    private static String pkg(String name) {
        return ROOT + "." + name + "..";
    }
}
