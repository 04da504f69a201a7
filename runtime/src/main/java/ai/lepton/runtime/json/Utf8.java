package ai.lepton.runtime.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * UTF-8 decoded strictly. The JDK's default decoding replaces a byte that is not UTF-8 with U+FFFD, so
 * {@code "Adelie\xff"} became a category the model never saw, and a different answer; here it is an error that says
 * which byte and where.
 */
public final class Utf8 {

    private Utf8() {}

    /** {@code bytes} as text; a byte that is not UTF-8 is refused naming its line and column. */
    public static String decode(byte[] bytes) throws NotUtf8Exception {
        ByteBuffer input = ByteBuffer.wrap(bytes);
        try {
            return strictDecoder().decode(input).toString();
        } catch (CharacterCodingException e) { // the decoder stops with the input at the first bad byte
            int at = input.position();
            int lineStart = 0;
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = 1;
            for (int i = lineStart; i < at; i++) {
                column += isContinuation(bytes[i]) ? 0 : 1;
            }
            throw new NotUtf8Exception(bytes[at] & 0xff, "at line " + line + ", column " + column);
        }
    }

    /**
     * A reader of {@code in} as UTF-8 text that returns every character before a byte that is not UTF-8, then throws
     * {@link NotUtf8Exception} naming the byte's offset: a JSON reader on it has read up to the bad byte and can say
     * which field holds it.
     */
    public static Reader reader(InputStream in) {
        return new StrictReader(in);
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Whether {@code b} continues a multi-byte character ({@code 10xxxxxx}) rather than starting one. */
    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static final class StrictReader extends Reader {

        private final InputStream in;
        private final CharsetDecoder decoder = strictDecoder();
        private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
        private final CharBuffer chars = CharBuffer.allocate(8192).flip();
        /** Bytes decoded so far: the offset of the next byte the decoder reads. */
        private long offset;

        private boolean ended;
        private NotUtf8Exception bad;

        StrictReader(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(char[] into, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, into.length);
            if (len == 0) {
                return 0;
            }
            if (!chars.hasRemaining() && !fill()) {
                return -1;
            }
            int n = Math.min(len, chars.remaining());
            chars.get(into, off, n);
            return n;
        }

        /** Decodes the next characters; false at the end of the input, the bad byte once everything before it is read. */
        private boolean fill() throws IOException {
            if (bad != null) {
                throw bad;
            }
            chars.clear();
            while (chars.position() == 0) {
                int start = bytes.position();
                CoderResult result = decoder.decode(bytes, chars, ended);
                offset += bytes.position() - start;
                if (result.isError()) {
                    bad = new NotUtf8Exception(bytes.get(bytes.position()) & 0xff, "at offset " + offset);
                    break;
                }
                if (result.isOverflow() || ended) {
                    break; // UTF-8 keeps no state a flush would write
                }
                bytes.compact();
                int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (read < 0) {
                    ended = true;
                } else {
                    bytes.position(bytes.position() + read);
                }
                bytes.flip();
            }
            chars.flip();
            if (chars.hasRemaining()) {
                return true;
            }
            if (bad != null) {
                throw bad;
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
