package dev.switchboard.runtime.testing;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * A {@code @ConfigMapping} read the way the application reads it: from these properties and the mapping's
 * {@code @WithDefault}s, with expressions expanded and Bean Validation applied. For tests that need a settings
 * object, and for tests of what start-up refuses.
 */
public final class ConfigMappings {

    private static final Validator VALIDATOR = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    private ConfigMappings() {}

    /** @throws ConfigValidationException when the settings break a rule of the mapping */
    public static <T> T read(Class<T> mapping, Map<String, String> properties) {
        return build(mapping, properties).getConfigMapping(mapping);
    }

    /** What start-up would say about these settings; empty when the mapping takes them. */
    public static Optional<String> refusal(Class<?> mapping, Map<String, String> properties) {
        try {
            build(mapping, properties);
            return Optional.empty();
        } catch (ConfigValidationException e) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < e.getProblemCount(); i++) {
                all.append(e.getProblem(i).getMessage()).append('\n');
            }
            return Optional.of(all.toString());
        } catch (RuntimeException e) {
            // A value that does not even convert (a number that is no number) fails before validation.
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** Fails unless start-up would refuse these settings with a message that names {@code key}. */
    public static void assertRefused(Class<?> mapping, Map<String, String> settings, String key) {
        Optional<String> refusal = refusal(mapping, settings);
        if (refusal.isEmpty()) {
            throw new AssertionError(settings + " was accepted by " + mapping.getSimpleName());
        }
        if (!refusal.get().contains(key)) {
            throw new AssertionError("the refusal does not name " + key + ": " + refusal.get());
        }
    }

    /** Quarkus' duration syntax: {@code 30} (seconds), {@code 100ms}, {@code 5s}, {@code 2m}, {@code 1h}, ISO-8601. */
    static Duration duration(String value) {
        String v = value.strip();
        if (v.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        if (v.matches("\\d+ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.matches("\\d+d")) {
            return Duration.ofDays(Long.parseLong(v.substring(0, v.length() - 1)));
        }
        if (v.matches("\\d+[smh]")) {
            return Duration.parse("PT" + v.toUpperCase(java.util.Locale.ROOT));
        }
        return Duration.parse(v);
    }

    private static SmallRyeConfig build(Class<?> mapping, Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withConverter(Duration.class, 200, ConfigMappings::duration)
                .withMapping(mapping)
                .withValidator((BeanValidationConfigValidator) () -> VALIDATOR)
                .build();
    }
}
