package dev.switchboard.runtime.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys a service declares: every property of its {@code @ConfigMapping} interfaces (with the
 * {@code @WithDefault}, if any) and every key its application.properties sets or names in a comment
 * ({@code #key=...}, a key with no default). What the README's tables are checked against.
 */
public final class DeclaredConfig {

    private static final Pattern PROPERTY_LINE = Pattern.compile("^#?([a-z][a-z0-9.\"-]*[a-z0-9\"])=(.*)$");

    /** A declared key: {@code defaultValue} is null when there is none. */
    public record Key(String name, String defaultValue, String declaredBy) {}

    private DeclaredConfig() {}

    /** The properties of the mappings in the main classes of this package and below it. */
    public static Map<String, Key> mappings(String rootPackage) {
        Map<String, Key> keys = new LinkedHashMap<>();
        List<JavaClass> mappings = new ArrayList<>(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(rootPackage).stream()
                        .filter(c -> c.isAnnotatedWith(ConfigMapping.class))
                        .toList());
        mappings.sort(Comparator.comparing(JavaClass::getName));
        for (JavaClass mapping : mappings) {
            Class<?> type = mapping.reflect();
            String prefix = type.getAnnotation(ConfigMapping.class).prefix();
            collect(type, prefix, type.getSimpleName(), keys);
        }
        return keys;
    }

    /** Every key application.properties sets without a profile, or names commented out; value as written. */
    public static Map<String, Key> properties(Path applicationProperties) {
        Map<String, Key> keys = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(applicationProperties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : lines) {
            Matcher m = PROPERTY_LINE.matcher(line.strip());
            if (m.matches()) {
                boolean commented = line.strip().startsWith("#");
                keys.putIfAbsent(
                        m.group(1),
                        new Key(m.group(1), commented ? null : m.group(2).strip(), "application.properties"));
            }
        }
        return keys;
    }

    private static void collect(Class<?> type, String prefix, String declaredBy, Map<String, Key> keys) {
        for (Method method : type.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            WithName named = method.getAnnotation(WithName.class);
            String name = prefix + "." + (named != null ? named.value() : kebab(method.getName()));
            Class<?> returned = method.getReturnType();
            if (returned.isInterface() && returned.getPackageName().startsWith("dev.switchboard")) {
                collect(returned, name, declaredBy, keys);
                continue;
            }
            WithDefault defaulted = method.getAnnotation(WithDefault.class);
            keys.put(name, new Key(name, defaulted == null ? null : defaulted.value(), declaredBy));
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
