package ai.lepton.runtime;

import ai.lepton.runtime.artifact.ArtifactLayout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    private static final int CENTRAL_EXTRA_LENGTH = 30;
    private static final int CENTRAL_COMMENT_LENGTH = 32;
    private static final int END_RECORD_SIZE = 22;
    private static final int END_DISK_ENTRIES = 8;
    private static final int END_ENTRIES = 10;
    private static final int END_DIRECTORY_SIZE = 12;
    private static final int END_DIRECTORY_OFFSET = 16;
    /** The zip64 extra field's id: a 64-bit size, for a size field that says 0xFFFFFFFF. */
    private static final short ZIP64_EXTRA = 0x0001;

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

    /**
     * {@code zip} with its entry {@code from} renamed {@code to}, in its checksum list too: an entry name no writer of
     * Lepton's makes, listed with its checksum.
     */
    static byte[] renamed(byte[] zip, String from, String to) {
        return rewrite(zip, entries -> {
            Map<String, byte[]> renamed = new LinkedHashMap<>();
            entries.forEach((name, bytes) -> renamed.put(name.equals(from) ? to : name, bytes));
            String list = new String(renamed.get(ArtifactLayout.CHECKSUMS), StandardCharsets.UTF_8);
            renamed.put(
                    ArtifactLayout.CHECKSUMS,
                    list.replace("  " + from + "\n", "  " + to + "\n").getBytes(StandardCharsets.UTF_8));
            return renamed;
        });
    }

    /** {@code zip} with its end record saying it holds {@code count} entries, whatever its directory holds. */
    static byte[] declaringEntries(byte[] zip, int count) {
        byte[] lying = zip.clone();
        ByteBuffer end = ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN);
        end.putShort(lying.length - END_RECORD_SIZE + END_DISK_ENTRIES, (short) count);
        end.putShort(lying.length - END_RECORD_SIZE + END_ENTRIES, (short) count);
        return lying;
    }

    /**
     * {@code zip} with its central directory claiming {@code size} bytes for {@code name} in a zip64 extra field, as
     * for an entry over 4 GiB: a size no 32-bit field can say.
     */
    static byte[] declaringLargeSize(byte[] zip, String name, long size) {
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = zip.length - END_RECORD_SIZE;
        int directory = buffer.getInt(end + END_DIRECTORY_OFFSET);
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        rewritten.write(zip, 0, directory);
        for (int at = directory; at < end; ) {
            int nameLength = Short.toUnsignedInt(buffer.getShort(at + CENTRAL_NAME_LENGTH));
            int extraLength = Short.toUnsignedInt(buffer.getShort(at + CENTRAL_EXTRA_LENGTH));
            int length = CENTRAL_HEADER_SIZE
                    + nameLength
                    + extraLength
                    + Short.toUnsignedInt(buffer.getShort(at + CENTRAL_COMMENT_LENGTH));
            ByteBuffer record =
                    ByteBuffer.wrap(Arrays.copyOfRange(zip, at, at + length)).order(ByteOrder.LITTLE_ENDIAN);
            String found = new String(zip, at + CENTRAL_HEADER_SIZE, nameLength, StandardCharsets.UTF_8);
            if (!found.equals(name)) {
                rewritten.writeBytes(record.array());
            } else {
                int split = CENTRAL_HEADER_SIZE + nameLength; // the zip64 field goes first in the extra fields
                record.putInt(CENTRAL_UNCOMPRESSED_SIZE, 0xFFFFFFFF);
                record.putShort(CENTRAL_EXTRA_LENGTH, (short) (extraLength + 12));
                rewritten.write(record.array(), 0, split);
                rewritten.writeBytes(ByteBuffer.allocate(12)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putShort(ZIP64_EXTRA)
                        .putShort((short) 8)
                        .putLong(size)
                        .array());
                rewritten.write(record.array(), split, length - split);
            }
            at += length;
        }
        int directorySize = rewritten.size() - directory;
        ByteBuffer record =
                ByteBuffer.wrap(Arrays.copyOfRange(zip, end, zip.length)).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(END_DIRECTORY_SIZE, directorySize);
        rewritten.writeBytes(record.array());
        return rewritten.toByteArray();
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
