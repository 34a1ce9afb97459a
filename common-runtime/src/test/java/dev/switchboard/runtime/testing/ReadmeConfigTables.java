package dev.switchboard.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration tables of the README: one table per heading line ({@code Both services:},
 * {@code sender-service:}, ...) inside the "Configuration" section, one key per row, the key in backticks in the
 * first cell, its default in the second.
 */
public final class ReadmeConfigTables {

    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|([^|]*)\\|.*$");
    private static final Pattern TABLE_HEADING = Pattern.compile("^([A-Za-z][A-Za-z -]*):\\s*$");

    /** A documented key: its default cell as written, and the table it is in. */
    public record Row(String key, String defaultCell, String table) {}

    private ReadmeConfigTables() {}

    /** Rows of the tables with these headings (without the colon), by key. */
    public static Map<String, Row> rows(Path readme, List<String> tables) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean inSection = false;
        String table = null;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Configuration");
                table = null;
                continue;
            }
            if (!inSection) {
                continue;
            }
            Matcher heading = TABLE_HEADING.matcher(line);
            if (heading.matches()) {
                table = heading.group(1);
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (table != null && tables.contains(table) && row.matches()) {
                String key = row.group(1);
                if (rows.containsKey(key)) {
                    throw new AssertionError("README documents " + key + " twice");
                }
                rows.put(key, new Row(key, row.group(2).strip(), table));
            }
        }
        return rows;
    }

    /**
     * Whether a README default cell states this declared default: the value as a whole word of the cell, backticks
     * ignored; an environment expression {@code ${HOSTNAME:sender}} is stated as {@code $HOSTNAME}.
     */
    public static boolean states(String defaultCell, String declaredDefault) {
        String cell = defaultCell.replace("`", "");
        String expected = declaredDefault;
        Matcher expression = Pattern.compile("^\\$\\{([A-Z_]+):.*}$").matcher(declaredDefault);
        if (expression.matches()) {
            expected = "$" + expression.group(1);
        }
        return Pattern.compile("(?<![\\w.:/$-])" + Pattern.quote(expected) + "(?![\\w.:/-])")
                .matcher(cell)
                .find();
    }
}
