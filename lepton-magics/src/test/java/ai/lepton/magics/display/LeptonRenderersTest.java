package ai.lepton.magics.display;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class LeptonRenderersTest {

    @Test
    void aRunsSummaryTableShowsItsMetricsRoundedInItsTextFormAsInItsHtml() {
        Renderer renderer = new Renderer();
        new LeptonRenderers().registerInto(renderer);
        Table summary = Table.create(
                "run 9a512e904673",
                StringColumn.create("metric", "loss", "val_accuracy"),
                DoubleColumn.create("best epoch (4)", 1.7328882650895552, 0.8506944444444444));

        String text = (String)
                renderer.renderAs(summary, MIMEType.TEXT_PLAIN.toString()).getData(MIMEType.TEXT_PLAIN);
        String html = (String)
                renderer.renderAs(summary, MIMEType.TEXT_HTML.toString()).getData(MIMEType.TEXT_HTML);

        assertTrue(text.contains("val_accuracy") && text.contains("0.8507") && text.contains("1.733"), text);
        assertFalse(text.contains("0.8506944444444444") || text.contains("1.7328882650895552"), text);
        assertTrue(html.contains("<td>0.8507</td>") && html.contains("<td>1.733</td>"), html);
    }
}
