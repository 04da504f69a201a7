package ai.lepton.runtime.weights;

import ai.lepton.runtime.weights.SafeTensorsHeader.Entry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A safetensors file whose header has been read and checked ({@link SafeTensorsHeader}); its tensors are read when
 * asked for, each in chunks straight into its floats, so a file of any size (beyond 2 GB too) costs the memory of the
 * tensors taken from it, not of the file.
 */
public final class SafeTensorsFile {

    /** Bytes read at once: a tensor's values arrive in pieces of this size. */
    private static final int CHUNK = 1 << 20;

    /** Where the bytes are: a file, opened for each read so that no handle stays open, or bytes in memory. */
    private sealed interface Origin {
        long size() throws IOException;

        /** Fills {@code into} from byte {@code position} on. */
        void read(long position, ByteBuffer into, String source) throws IOException;
    }

    private record InFile(Path file) implements Origin {
        @Override
        public long size() throws IOException {
            return Files.size(file);
        }

        @Override
        public void read(long position, ByteBuffer into, String source) throws IOException {
            try (FileChannel channel = FileChannel.open(file)) {
                for (long at = position; into.hasRemaining(); ) {
                    int read = channel.read(into, at);
                    if (read < 0) {
                        throw SafeTensorsHeader.damaged(source, "it ends at byte " + at + ", before its tensors do");
                    }
                    at += read;
                }
            }
        }
    }

    private record InMemory(byte[] bytes) implements Origin {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public void read(long position, ByteBuffer into, String source) throws IOException {
            if (position + into.remaining() > bytes.length) {
                throw SafeTensorsHeader.damaged(source, "it ends at byte " + bytes.length + ", before its tensors do");
            }
            into.put(bytes, (int) position, into.remaining());
        }
    }

    private final Origin origin;
    private final String source;
    private final long dataStart;
    private final Map<String, Entry> entries;

    private SafeTensorsFile(Origin origin, String source, long dataStart, Map<String, Entry> entries) {
        this.origin = origin;
        this.source = source;
        this.dataStart = dataStart;
        this.entries = entries;
    }

    /** Reads and checks {@code file}'s header; a damaged or foreign file is refused saying what is wrong. */
    public static SafeTensorsFile open(Path file) throws IOException {
        return open(file, file.toString());
    }

    /** The same, naming the file {@code source} in errors (an artifact's entry rather than where it was unpacked). */
    public static SafeTensorsFile open(Path file, String source) throws IOException {
        return open(new InFile(file), source);
    }

    /** The same for a file's {@code bytes}, read from {@code source} (named in errors). */
    public static SafeTensorsFile of(byte[] bytes, String source) throws IOException {
        return open(new InMemory(bytes), source);
    }

    private static SafeTensorsFile open(Origin origin, String source) throws IOException {
        long size = origin.size();
        if (size < 8) {
            throw SafeTensorsHeader.foreign(source, "it is shorter than its header's length (" + size + " bytes)");
        }
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        origin.read(0, prefix, source);
        long length = prefix.getLong(0); // unsigned in the format: a negative one is beyond 2^63
        if (length < 2 || Long.compareUnsigned(length, SafeTensorsHeader.MAX_LENGTH) > 0 || length > size - 8) {
            throw SafeTensorsHeader.foreign(
                    source,
                    "its header length " + Long.toUnsignedString(length) + " is not between 2 and "
                            + Math.min(SafeTensorsHeader.MAX_LENGTH, size - 8)
                            + " (the format's limit of 100 MB, and what its " + size + " bytes hold)");
        }
        ByteBuffer json = ByteBuffer.allocate((int) length);
        origin.read(8, json, source);
        Map<String, Entry> entries = SafeTensorsHeader.parse(json.array(), size - 8 - length, source);
        return new SafeTensorsFile(origin, source, 8 + length, Collections.unmodifiableMap(entries));
    }

    /** The tensors' names, in the header's order. */
    public Set<String> names() {
        return entries.keySet();
    }

    /** The shape of the tensor {@code name}, from the header: known without reading the tensor. */
    public long[] shape(String name) {
        return entry(name).shape().clone();
    }

    /** The tensor {@code name}, read from the file now. */
    public Tensor tensor(String name) throws IOException {
        Entry entry = entry(name);
        long count = entry.count();
        if (count > Integer.MAX_VALUE - 8) { // a Java array's limit
            throw new IOException(source + ": tensor " + name + " has " + count
                    + " values; Lepton reads tensors of up to 2^31 values. Split it before loading.");
        }
        float[] values = new float[(int) count];
        int width = entry.dtype().width();
        ByteBuffer chunk =
                ByteBuffer.allocate((int) Math.min(CHUNK, count * width)).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = chunk.capacity() / width;
        for (int first = 0; first < values.length; first += perChunk) {
            int n = Math.min(perChunk, values.length - first);
            chunk.clear().limit(n * width);
            origin.read(dataStart + entry.begin() + (long) first * width, chunk, source);
            for (int i = 0; i < n; i++) {
                values[first + i] = entry.dtype().get(chunk, i);
            }
        }
        return new Tensor(entry.shape(), values);
    }

    private Entry entry(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new IllegalArgumentException(source + " has no tensor " + name);
        }
        return entry;
    }

    /** Every tensor, by name, in the header's order. */
    public Map<String, Tensor> tensors() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String name : entries.keySet()) {
            tensors.put(name, tensor(name));
        }
        return tensors;
    }
}
