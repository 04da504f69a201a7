package ai.lepton.data.load;

import ai.lepton.data.DataException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a data file's text (CSV, JSON lines), refusing what is not text in the expected encoding instead of
 * mangling it: missing and empty files, binary files, bytes that are not valid in the encoding.
 */
final class DataText {

    private static final int BINARY_PROBE = 64 * 1024;

    private DataText() {}

    /** Refuses a path with nothing at it, saying where it looked. */
    static void requireExists(Path file) {
        if (!Files.exists(file)) {
            throw new DataException("No file " + file + " (looked for " + file.toAbsolutePath()
                    + "). Check the path; relative paths start at the notebook's folder.");
        }
    }

    static String read(Path file, Charset encoding) {
        requireExists(file);
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + " is a folder, not a data file. Name a CSV file inside it.");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + ": " + e.getMessage());
        }
        for (int i = 0; i < Math.min(bytes.length, BINARY_PROBE); i++) {
            if (bytes[i] == 0) {
                throw new DataException(file + " is binary data, not text (a NUL byte at offset " + i + ", line "
                        + lineAt(bytes, i) + "). Is it compressed or a spreadsheet? Export it as CSV first.");
            }
        }
        String text = decode(file, bytes, encoding);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark is not part of the first column's name
        }
        if (text.isBlank()) {
            throw new DataException(
                    file + " is empty. It needs a header line (CSV) or a first record (JSON lines) and data.");
        }
        return text;
    }

    private static String decode(Path file, byte[] bytes, Charset encoding) {
        CharsetDecoder decoder = encoding.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) (bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            throw new DataException(
                    file + " is not " + encoding.name() + " text: byte 0x"
                            + String.format("%02X", bytes[offset] & 0xff) + " at offset " + offset + " (line "
                            + lineAt(bytes, offset)
                            + ") is not valid " + encoding.name() + ". Save the file as UTF-8, or name its encoding"
                            + " (for example --encoding ISO-8859-1 or windows-1252; CsvOptions.builder().optEncoding(...) in code).");
        }
        try {
            decoder.flush(out);
        } catch (IllegalStateException e) {
            throw new DataException(file + ": decoding failed: " + e.getMessage());
        }
        return out.flip().toString();
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
