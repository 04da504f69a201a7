package ai.lepton.runtime;

import ai.lepton.fuzz.MutationFuzzer;
import ai.lepton.fuzz.MutationFuzzer.Mutant;
import ai.lepton.runtime.artifact.ArtifactException;
import ai.lepton.runtime.artifact.ArtifactLayout;
import ai.lepton.runtime.artifact.ArtifactWriter;
import ai.lepton.runtime.weights.Precision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the reader does after the checksums: seeded mutations of one entry of a valid artifact (its manifest, schema,
 * architecture, input profile or weights, as DJL's parameter file or compressed to int8), written back with a checksum
 * list that matches, as anyone can without a verifying key. Each must end in the reader's {@link ArtifactException} or
 * a loaded model, within a memory bound (heap and direct buffers) and in time.
 */
class VerifiedArtifactFuzzTest {

    /** Cases per entry and artifact. */
    private static final int CASES = 200;

    /** The values a JSON value is replaced with: sizes at the edges, other types, nothing. */
    private static final List<String> JSON_VALUES = List.of(
            "-1",
            "0",
            "1",
            "65537",
            "2147483647",
            "2147483648",
            "4294967296",
            "9223372036854775808",
            "1e308",
            "-1e308",
            "0.5",
            "NaN",
            "null",
            "true",
            "\"\"",
            "\"x\"",
            "[]",
            "{}",
            "[null]",
            "[2147483647, 2147483647]");

    /** A JSON number, or a string with its quotes. */
    private static final Pattern JSON_VALUE =
            Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?|\"([^\"\\\\]|\\\\.)*\"");

    static Stream<Arguments> entries() throws Exception {
        Map<String, byte[]> full = TinyArtifact.withProfile(TinyArtifact.entries("2.7.1"));
        Map<String, byte[]> int8 = TinyArtifact.compressedEntries(Precision.INT8);
        List<Arguments> cases = new ArrayList<>();
        for (String entry : List.of(
                ArtifactLayout.MANIFEST, ArtifactLayout.SCHEMA, ArtifactLayout.ARCHITECTURE, ArtifactLayout.PROFILE)) {
            cases.add(Arguments.of("fp32", full, entry));
            cases.add(Arguments.of("int8", int8, entry));
        }
        cases.add(Arguments.of("fp32", full, ArtifactLayout.PARAMETERS));
        cases.add(Arguments.of("int8", int8, ArtifactLayout.WEIGHTS));
        return cases.stream();
    }

    @ParameterizedTest(name = "{2} of the {0} artifact")
    @MethodSource("entries")
    void everyMutationOfAVerifiedEntryEndsInARefusalOrALoadedModel(
            String kind, Map<String, byte[]> entries, String entry) {
        MutationFuzzer fuzzer = MutationFuzzer.of(31 + entry.hashCode() + kind.hashCode(), CASES)
                .addInput(kind + " " + entry, entries.get(entry))
                .setExpected(ArtifactException.class)
                .optAllocationLimit(64L << 20, 0)
                .optTimeout(Duration.ofMinutes(5)); // a whole-run guard for a busy machine: each case has its own
        if (entry.endsWith(".json")) {
            fuzzer.addMutations(
                    List.of(VerifiedArtifactFuzzTest::valueReplaced, VerifiedArtifactFuzzTest::valueReplaced));
        }
        fuzzer.run(bytes -> {
            Map<String, byte[]> mutated = new LinkedHashMap<>(entries);
            mutated.put(entry, bytes);
            LeptonModel.load(ArtifactWriter.write(mutated, null), "fuzz.lepton", null)
                    .close();
        });
    }

    /** One JSON number or string of {@code valid} replaced with a value at the edges, or of another type. */
    private static Mutant valueReplaced(byte[] valid, Random random) {
        String text = new String(valid, StandardCharsets.UTF_8);
        List<int[]> values = new ArrayList<>();
        for (Matcher value = JSON_VALUE.matcher(text); value.find(); ) {
            values.add(new int[] {value.start(), value.end()});
        }
        if (values.isEmpty()) {
            return new Mutant(valid, "nothing replaced: no value");
        }
        int[] value = values.get(random.nextInt(values.size()));
        String replacement = JSON_VALUES.get(random.nextInt(JSON_VALUES.size()));
        String mutated = text.substring(0, value[0]) + replacement + text.substring(value[1]);
        return new Mutant(
                mutated.getBytes(StandardCharsets.UTF_8),
                text.substring(value[0], value[1]) + " at " + value[0] + " replaced by " + replacement);
    }
}
