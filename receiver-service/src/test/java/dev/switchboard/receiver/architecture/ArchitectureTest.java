package dev.switchboard.receiver.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package dependency rules of docs/architecture.md: {@code socket -> delivery <- subscription <- health}, no
 * cycles, and the Redis client confined to the Redis* transport classes behind {@code EventSubscription}.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.switchboard.receiver";
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
    void deliveryKnowsNeitherSocketsNorTheTransport() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".delivery..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".socket..", ROOT + ".subscription..", ROOT + ".health..")
                .check(classes);
    }

    @Test
    void socketsAndSubscriptionKnowNothingOfEachOther() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".socket..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".subscription..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".subscription..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".socket..")
                .check(classes);
    }

    @Test
    void onlyTheRedisTransportUsesTheRedisClient() {
        noClasses()
                .that()
                .haveNameNotMatching(ROOT + "\\.(subscription|typing|presence|redis)\\.Redis.*")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.vertx.redis..")
                .check(classes);
    }
}
