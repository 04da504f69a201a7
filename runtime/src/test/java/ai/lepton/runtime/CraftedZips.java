package ai.lepton.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Zips as an attacker or a broken copy makes them: entries changed under the original checksum list, sizes that lie, bombs. */
final class CraftedZips {

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int LOCAL_HEADER_SIZE = 30;
    private static final int LOCAL_NAME_LENGTH = 26;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int CENTRAL_HEADER_SIZE = 46;
    private static final int CENTRAL_UNCOMPRESSED_SIZE = 24;
    private static final int CENTRAL_NAME_LENGTH = 28;

    private CraftedZips() {}

    /** Every entry of {@code zip}, in its order. */
    static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** A zip of {@code entries} in their order, as written (no checksum list of its own). */
    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Rewrites the zip with changed entries but the original checksum list: what an attacker or a broken copy does. */
    static byte[] rewrite(byte[] zip, UnaryOperator<Map<String, byte[]>> change) {
        return zip(change.apply(entries(zip)));
    }

    /** {@code zip} with an entry {@code name} of {@code zeros} zero bytes added last: a few hundred kilobytes per 256 MiB. */
    static byte[] withZeros(byte[] zip, String name, long zeros) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries(zip).entrySet()) {
                if (!entry.getKey().equals(name)) {
                    out.putNextEntry(new ZipEntry(entry.getKey()));
                    out.write(entry.getValue());
                }
            }
            out.setLevel(Deflater.BEST_SPEED);
            out.putNextEntry(new ZipEntry(name));
            byte[] block = new byte[1 << 20];
            for (long written = 0; written < zeros; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, zeros - written));
            }
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Where the compressed bytes of {@code name} start in {@code zip}: after its local header, name and extra field. */
    static int dataOffset(byte[] zip, String name) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at + LOCAL_HEADER_SIZE + wanted.length < zip.length; at++) {
            if (buffer.getInt(at) == LOCAL_HEADER
                    && buffer.getShort(at + LOCAL_NAME_LENGTH) == wanted.length
                    && new String(zip, at + LOCAL_HEADER_SIZE, wanted.length, StandardCharsets.UTF_8).equals(name)) {
                return at + LOCAL_HEADER_SIZE + wanted.length + buffer.getShort(at + LOCAL_NAME_LENGTH + 2);
            }
        }
        throw new AssertionError("no local header for " + name);
    }

    /** {@code zip} with its central directory claiming {@code size} bytes for {@code name}: a size that lies. */
    static byte[] declaringSize(byte[] zip, String name, int size) {
        byte[] lying = zip.clone();
        ByteBuffer buffer = ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + CENTRAL_HEADER_SIZE < lying.length; at++) {
            if (buffer.getInt(at) != CENTRAL_HEADER || (buffer.getShort(at + CENTRAL_NAME_LENGTH) != wanted.length)) {
                continue;
            }
            String found = new String(lying, at + CENTRAL_HEADER_SIZE, wanted.length, StandardCharsets.UTF_8);
            if (found.equals(name)) {
                buffer.putInt(at + CENTRAL_UNCOMPRESSED_SIZE, size);
                return lying;
            }
        }
        throw new AssertionError("no central directory record for " + name);
    }
}
