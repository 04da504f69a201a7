package ai.lepton.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the formatter (Spotless, checked by the build) cannot check: code names a JDK or library type by its simple name,
 * imported, and spells out a fully qualified name only where two types of that name meet in one file.
 */
class SourceStyleTest {

    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w.])((?:java|javax|jdk|ai\\.djl|tech\\.tablesaw|org\\.knowm|com\\.google\\.gson|org\\.dflib)"
                    + "\\.(?:[a-z_][a-z0-9_]*\\.)*)([A-Z]\\w*)");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.(\\w+);");
    private static final Pattern DECLARATION = Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z]\\w*)");

    /** Every Java source of the repository's modules. */
    private static List<Path> sources() throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(".."))) {
            files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path ->
                            path.toString().contains("/src/") || path.toString().startsWith("../src/"))
                    .filter(path -> !path.toString().contains("/target/"))
                    .forEach(sources::add);
        }
        return sources;
    }

    /** The qualified names in {@code source}'s code (not its comments, strings or imports) that no clash excuses. */
    static List<String> needlesslyQualified(String source) {
        Set<String> declared = new HashSet<>();
        Matcher declaration = DECLARATION.matcher(source);
        while (declaration.find()) {
            declared.add(declaration.group(1));
        }
        Map<String, String> imported = new HashMap<>();
        List<String> qualified = new ArrayList<>();
        boolean inComment = false;
        for (String line : source.split("\n")) {
            String code = line.strip();
            Matcher anImport = IMPORT.matcher(code);
            if (anImport.find()) {
                imported.put(anImport.group(2), anImport.group(1) + "." + anImport.group(2));
                continue;
            }
            if (inComment || code.startsWith("/*") || code.startsWith("*") || code.startsWith("//")) {
                inComment = (inComment || code.startsWith("/*")) && !code.contains("*/");
                continue;
            }
            Matcher name = QUALIFIED.matcher(
                    code.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("//.*", ""));
            while (name.find()) {
                qualified.add(name.group());
            }
        }
        List<String> needless = new ArrayList<>();
        for (String name : qualified) {
            String simple = name.substring(name.lastIndexOf('.') + 1);
            boolean clash = declared.contains(simple)
                    || (imported.containsKey(simple) && !imported.get(simple).equals(name));
            if (!clash) {
                needless.add(name);
            }
        }
        return needless;
    }

    @Test
    void codeImportsTypesInsteadOfSpellingOutTheirPackages() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path source : sources()) {
            List<String> names = needlesslyQualified(Files.readString(source));
            if (!names.isEmpty()) {
                offenders.add(source + ": " + names);
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void aQualifiedNameIsFoundOnlyInCodeAndOnlyWithoutAClash() {
        assertEquals(
                List.of("java.util.Arrays"),
                needlesslyQualified("class A {\n  int[] x = java.util.Arrays.copyOf(y, 2);\n}"));
        assertEquals(
                List.of(),
                needlesslyQualified(
                        "/** see {@link java.util.Arrays} */\nclass A {\n  String s = \"java.util.Arrays\";\n}"));
        assertEquals(List.of(), needlesslyQualified("import java.util.List;\nclass A {\n  java.awt.List list;\n}"));
        assertTrue(sourcesAreFound());
    }

    private static boolean sourcesAreFound() {
        try {
            return sources().stream().anyMatch(path -> path.endsWith("Lepton.java"));
        } catch (IOException e) {
            return false;
        }
    }
}
