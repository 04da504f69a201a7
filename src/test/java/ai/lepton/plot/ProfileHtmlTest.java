package ai.lepton.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.data.profile.Histogram;
import ai.lepton.data.profile.Profile;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;

class ProfileHtmlTest {

    private static Table table() {
        DoubleColumn x = DoubleColumn.create("x<1>");
        StringColumn kind = StringColumn.create("kind");
        for (int i = 0; i < 100; i++) {
            x.append(i % 10);
            kind.append(i % 3 == 0 ? "<b>a</b>" : "c");
        }
        return Table.create("demo", x, kind);
    }

    @Test
    void numericColumnsGetAHistogramImage() throws IOException {
        Profile profile = Profile.of(table(), "kind");
        assertEquals(20, profile.histograms().get("x<1>").counts().length);
        String html = ProfileHtml.render(profile);
        int start = html.indexOf("data:image/png;base64,");
        String uri = html.substring(start, html.indexOf('"', start));
        assertTrue(uri.startsWith("data:image/png;base64,"));
        BufferedImage image =
                ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1))));
        assertEquals(120, image.getWidth());
        assertEquals(32, image.getHeight());
        assertTrue(image.getColorModel().hasAlpha());
        assertEquals(0, image.getRGB(0, 0) >>> 24, "a transparent background reads on light and dark pages");
        assertNull(profile.histograms().get("kind"));
        assertNull(Histogram.of(new double[] {Double.NaN}, 10), "no values, no histogram");
    }

    @Test
    void theViewEscapesNamesAndValuesAndShowsTheBalance() {
        String html = ProfileHtml.render(Profile.of(table(), "kind"));
        assertTrue(html.contains("x&lt;1&gt;"));
        assertTrue(html.contains("&lt;b&gt;a&lt;/b&gt;"));
        assertFalse(html.contains("<b>a</b>"));
        assertTrue(html.contains("alt=\"histogram of x&lt;1&gt;\""));
        assertTrue(html.contains("0 … 9, median 4.5"), html);
        assertTrue(html.contains("kind balance"));
        assertEquals("5200", ProfileHtml.number(5199.6));
        assertEquals("2.872", ProfileHtml.number(2.87228));
    }
}
