package ai.lepton.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/** UTF-8 decoded strictly: a byte that is not UTF-8 is named, never replaced. */
class Utf8Test {

    private static final byte[] PENGUINS = concat(
            "Gentoo\nÄdelie ".getBytes(StandardCharsets.UTF_8),
            new byte[] {'A', 'd', 'e', 'l', 'i', 'e', (byte) 0xff, '\n'});

    @Test
    void aByteThatIsNotUtf8IsRefusedNamingItsLineAndColumn() {
        NotUtf8Exception error = assertThrows(NotUtf8Exception.class, () -> Utf8.decode(PENGUINS));
        assertEquals("byte 0xFF at line 2, column 14 is not UTF-8", error.getMessage());
    }

    @Test
    void theReaderGivesEveryCharacterBeforeABadByteThenRefusesIt() throws IOException {
        Reader reader = Utf8.reader(new ByteArrayInputStream(PENGUINS));
        char[] read = new char[64];
        int n = reader.read(read, 0, read.length);
        assertEquals("Gentoo\nÄdelie Adelie", new String(read, 0, n));
        NotUtf8Exception error = assertThrows(NotUtf8Exception.class, () -> reader.read(read, 0, read.length));
        assertEquals("byte 0xFF at offset 21 is not UTF-8", error.getMessage());
        assertThrows(NotUtf8Exception.class, reader::read, "and again when asked again");
    }

    @Test
    void aCharacterCutShortByTheEndIsRefused() {
        byte[] cut = {'o', 'k', (byte) 0xe2, (byte) 0x9c}; // the first two of ✓'s three bytes
        assertThrows(NotUtf8Exception.class, () -> Utf8.decode(cut));
        Reader reader = Utf8.reader(new ByteArrayInputStream(cut));
        assertThrows(NotUtf8Exception.class, () -> {
            while (reader.read() >= 0) {
                // read to the end
            }
        });
    }

    @Test
    void charactersReadOneAtATimeKeepPairsWhole() throws IOException {
        String text = "🐧 ✓ 東京 " + "x".repeat(20_000) + " 🐧";
        Reader reader = Utf8.reader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        StringBuilder read = new StringBuilder();
        for (int c = reader.read(); c >= 0; c = reader.read()) {
            read.append((char) c);
        }
        assertEquals(text, read.toString());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
