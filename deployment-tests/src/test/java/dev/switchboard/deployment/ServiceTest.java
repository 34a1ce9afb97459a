package dev.switchboard.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.deployment.testing.Service;
import org.junit.jupiter.api.Test;

class ServiceTest {

    @Test
    void envFormUppercasesAndReplacesEveryOtherCharacter() {
        assertEquals("SWITCHBOARD_DEV_TOKENS_ENABLED", Service.envForm("switchboard.dev-tokens.enabled"));
        assertEquals(
                "QUARKUS_LOG_CATEGORY__DEV_SWITCHBOARD__LEVEL",
                Service.envForm("quarkus.log.category.\"dev.switchboard\".level"));
    }

    @Test
    void envFormDropsTheProfile() {
        assertEquals(
                "SWITCHBOARD_DEV_TOKENS_SIGNING_KEY_LOCATION",
                Service.envForm("%test.switchboard.dev-tokens.signing-key-location"));
    }

    @Test
    void aServiceReadsItsPropertiesItsStandardKeysAndLogging() {
        assertTrue(Service.SENDER.reads("SWITCHBOARD_INSTANCE_ID"));
        assertTrue(Service.SENDER.reads("QUARKUS_DATASOURCE_PASSWORD"));
        assertTrue(Service.RECEIVER.reads("QUARKUS_LOG_CONSOLE_JSON_ENABLED"));
        assertFalse(Service.RECEIVER.reads("QUARKUS_DATASOURCE_PASSWORD"));
        assertFalse(Service.SENDER.reads("SWITCHBOARD_INSTANCEID"));
    }
}
