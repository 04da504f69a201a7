package ai.lepton.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.promote.ModelVersion;
import ai.lepton.runtime.LeptonModel;
import ai.lepton.runtime.input.CategoryField;
import ai.lepton.runtime.input.NumberField;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

class ModelHtmlTest {

    @Test
    void aRegistryEntryShowsItsSourceAndMetricsWithUserTextEscaped() {
        ModelVersion version = new ModelVersion(
                "penguins",
                "1.2.0",
                Instant.parse("2026-11-23T10:00:00Z"),
                "abc123",
                "<script>x</script>",
                "0123456789abcdef0123",
                16 * 1024,
                Map.of("test_accuracy", 0.97531),
                "ana & bo",
                Path.of("/r/penguins-1.2.0.lepton"));
        String html = ModelHtml.version(version);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;x&lt;/script&gt;") && html.contains("ana &amp; bo"), html);
        assertTrue(
                html.contains("<b>penguins</b> 1.2.0")
                        && html.contains("16.0 KiB")
                        && html.contains("0123456789abcdef…"),
                html);
        assertTrue(html.contains("<th>test_accuracy</th>") && html.contains("<td>0.9753</td>"), html);
    }

    @Test
    void aLoadedArtifactShowsWhereItCameFromAsItsManifestRecorded() {
        try (LeptonModel model = LeptonModel.loadResource("promoted-before-the-typed-manifest/penguins-1.0.0.lepton")) {
            String html = ModelHtml.artifact(model);
            assertTrue(
                    html.contains("From run <code>penguins-mlp</code> (3448af61b163), promoted by root at"
                            + " 2026-12-07T17:58:15.997115914Z; engine PyTorch 2.7.1; weights fp32."),
                    html);
            assertTrue(html.contains("<th>test_accuracy</th>") && html.contains("<td>0.8627</td>"), html);
        }
    }

    @Test
    void eachInputSaysWhatItAccepts() {
        assertEquals(
                "a number; seen 31 … 59.6; missing becomes 44.5",
                ModelHtml.accepts(new NumberField("bill", 44.5, 31, 59.6, 44.5, 5.4, 31, 59.6)));
        assertEquals(
                "a number; seen 1 … 2; missing values are refused",
                ModelHtml.accepts(new NumberField("x", Double.NaN, 1, 2, 1.5, 1, 1, 2)));
        assertEquals(
                "Biscoe, Dream; other values are refused",
                ModelHtml.accepts(new CategoryField("island", "Biscoe", List.of("Biscoe", "Dream"), true, true)));
    }
}
