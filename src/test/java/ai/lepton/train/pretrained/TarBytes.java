package ai.lepton.train.pretrained;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Tar archives written byte by byte, as tar and attackers write them: names kept as given ({@code ../}, {@code /}),
 * links, and GNU long names of any length. Written here rather than with commons-compress, whose writer needs a library
 * Lepton leaves out (its reader does not).
 */
public final class TarBytes {

    private static final int BLOCK = 512;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final OutputStream out;

    private TarBytes(boolean gzip) {
        try {
            out = gzip ? new GZIPOutputStream(bytes) : bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TarBytes plain() {
        return new TarBytes(false);
    }

    public static TarBytes gzipped() {
        return new TarBytes(true);
    }

    public TarBytes file(String name, byte[] content) {
        header(name, '0', content.length, "");
        write(content);
        pad(content.length);
        return this;
    }

    public TarBytes folder(String name) {
        header(name, '5', 0, "");
        return this;
    }

    public TarBytes symlink(String name, String target) {
        header(name, '2', 0, target);
        return this;
    }

    /** An empty file whose name, in a GNU long-name record before it, is {@code length} bytes of 'x'. */
    public TarBytes longName(long length) {
        header("././@LongLink", 'L', length + 1, "");
        byte[] piece = new byte[1 << 20];
        Arrays.fill(piece, (byte) 'x');
        for (long left = length; left > 0; left -= piece.length) {
            write(Arrays.copyOf(piece, (int) Math.min(left, piece.length)));
        }
        write(new byte[1]);
        pad(length + 1);
        header("x".repeat(99), '0', 0, "");
        return this;
    }

    /** The archive, with tar's two empty blocks at its end. */
    public byte[] bytes() {
        write(new byte[2 * BLOCK]);
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void header(String name, char type, long size, String link) {
        byte[] header = new byte[BLOCK];
        put(header, 0, name, 100);
        put(header, 100, "0000644", 8);
        put(header, 108, "0000000", 8);
        put(header, 116, "0000000", 8);
        put(header, 124, String.format("%011o", size), 12);
        put(header, 136, "00000000000", 12);
        Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = (byte) type;
        put(header, 157, link, 100);
        put(header, 257, "ustar", 6);
        put(header, 263, "00", 2);
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum) + "\0", 7);
        write(header);
    }

    private static void put(byte[] header, int at, String text, int room) {
        byte[] value = text.getBytes(StandardCharsets.UTF_8);
        if (value.length > room) {
            throw new IllegalArgumentException(text + " does not fit in " + room + " bytes");
        }
        System.arraycopy(value, 0, header, at, value.length);
    }

    private void pad(long size) {
        write(new byte[(int) ((BLOCK - size % BLOCK) % BLOCK)]);
    }

    private void write(byte[] data) {
        try {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
