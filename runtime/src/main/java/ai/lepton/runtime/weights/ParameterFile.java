package ai.lepton.runtime.weights;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.LayoutType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Block;
import ai.lepton.runtime.weights.ParameterLayout.Metadata;
import ai.lepton.runtime.weights.ParameterLayout.Part;
import ai.lepton.runtime.weights.ParameterLayout.Weight;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UTFDataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DJL's parameter file ({@code PREFIX-NNNN.params}, what {@code Model.save} writes and {@code Model.load} reads), checked
 * against the network it is for before DJL reads it: DJL allocates whatever the file's lengths say (a first array
 * length of 2^31−1 reserves 2 GiB), so every length, count, shape and name is first held to the bytes left in the file
 * and to the network's own parameters ({@link ParameterLayout}). Only then does DJL load it.
 */
public final class ParameterFile {

    private static final Pattern NAME = Pattern.compile("(.+)-(\\d{4})\\.params");
    private static final byte[] MAGIC = {'D', 'J', 'L', '@'};
    private static final int MODEL_VERSION = 1;
    private static final byte PARAMETER_VERSION = 1;
    private static final String ARRAY_MAGIC = "NDAR";
    private static final int MAX_ARRAY_VERSION = 3;
    /** Bounds on the header's lists, far above what DJL writes (one input or three; a property or two). */
    private static final int MAX_INPUTS = 64;

    private static final int MAX_PROPERTIES = 1024;
    private static final int MAX_DIMENSIONS = 32;

    private final List<Part> layout;

    private ParameterFile(List<Part> layout) {
        this.layout = layout;
    }

    /**
     * The parameter file a network like {@code twin} saves, {@code twin} being a block of the network's architecture
     * that this uses up, initialized with {@code inputShapes} as the network was when it trained.
     */
    public static ParameterFile of(Block twin, Shape... inputShapes) {
        return new ParameterFile(ParameterLayout.of(twin, DataType.FLOAT32, inputShapes));
    }

    /**
     * Loads {@code file} into {@code model}'s block, which must not be initialized, once the file has been checked to
     * be this network's; {@code where} names the file in errors.
     *
     * @throws MalformedModelException the file does not fit the network, or is not DJL's format; the message names
     *                                 the parameter or block and what is wrong
     */
    public void load(Model model, Path file, String where) throws IOException, MalformedModelException {
        Matcher name = NAME.matcher(file.getFileName().toString());
        if (!name.matches()) {
            throw new IllegalArgumentException(
                    file + " is not named as DJL names parameter files (PREFIX-NNNN.params)");
        }
        check(file, where);
        // the epoch named, so that DJL reads this file, not another one beside it
        model.load(file.getParent(), name.group(1), Map.of("epoch", name.group(2)));
    }

    private void check(Path file, String where) throws IOException, MalformedModelException {
        try (Reader in = new Reader(file, where)) {
            try {
                in.header();
                for (Part part : layout) {
                    switch (part) {
                        case Metadata metadata -> in.metadata(metadata);
                        case Weight weight -> in.weight(weight);
                    }
                }
            } catch (EOFException e) { // a fixed-size field past the end; lengths are held to the bytes left first
                throw in.malformed("the file ends inside it: it is truncated");
            }
            if (in.left() > 0) {
                throw in.malformed(in.left() + " bytes follow the last parameter, where the file should end");
            }
        }
    }

    /** The file read field by field, each length held to the bytes left before anything is read or skipped by it. */
    private static final class Reader implements AutoCloseable {
        private final Counting counting;
        private final DataInputStream in;
        private final long size;
        private final String where;
        /** What is being read, for messages. */
        private String reading = "the header";

        Reader(Path file, String where) throws IOException {
            this.size = Files.size(file);
            this.counting = new Counting(new BufferedInputStream(Files.newInputStream(file)));
            this.in = new DataInputStream(counting);
            this.where = where;
        }

        long left() {
            return size - counting.position;
        }

        void header() throws IOException, MalformedModelException {
            byte[] magic = bytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw malformed("it does not start with DJL's mark DJL@, so it is not a DJL parameter file");
            }
            int version = in.readInt();
            if (version != MODEL_VERSION) {
                throw malformed(
                        "it is DJL parameter format " + version + ", and this runtime reads format " + MODEL_VERSION);
            }
            text(); // the model's name
            dataType(text());
            int inputs = count(MAX_INPUTS, "inputs");
            for (int i = 0; i < inputs; i++) {
                text();
                shape();
            }
            int properties = count(MAX_PROPERTIES, "properties");
            for (int i = 0; i < properties; i++) {
                text();
                text();
            }
        }

        void metadata(Metadata metadata) throws IOException, MalformedModelException {
            reading = "the metadata of " + metadata.block();
            if (!Arrays.equals(bytes(metadata.bytes().length), metadata.bytes())) {
                throw malformed("it differs from what this architecture's " + metadata.block() + " saves (its"
                        + " version, input shapes or sizes): the parameters were saved from another network, or by a DJL"
                        + " whose format for the block differs");
            }
        }

        void weight(Weight weight) throws IOException, MalformedModelException {
            reading = "parameter " + weight.path();
            char mark = in.readChar();
            if (mark == 'N') {
                throw malformed("the file saved it without values");
            }
            if (mark != 'P' || in.readByte() != PARAMETER_VERSION) {
                throw malformed("its record does not start with DJL's parameter mark and version");
            }
            String name = text();
            if (!name.equals(weight.name())) {
                throw malformed("the file holds a parameter named '" + name + "' there");
            }
            if (!text().equals(ARRAY_MAGIC)) {
                throw malformed("its values do not start with DJL's array mark NDAR");
            }
            int version = in.readInt();
            if (version < 1 || version > MAX_ARRAY_VERSION) {
                throw malformed("its array is in DJL array format " + version + ", and DJL reads formats 1 to "
                        + MAX_ARRAY_VERSION);
            }
            if (version > 1) {
                byte named = in.readByte();
                if (named == 1) {
                    text();
                } else if (named != 0) {
                    throw malformed("its array's name flag is " + named + ", where DJL writes 0 or 1");
                }
            }
            sparseFormat(text());
            DataType dataType = dataType(text());
            if (dataType != weight.dataType()) {
                throw malformed("its values are " + dataType + ", and the network computes in " + weight.dataType());
            }
            Shape shape = shape();
            if (!Arrays.equals(shape.getShape(), weight.shape().getShape())) {
                throw malformed("it has shape " + shape + " in the file, and the architecture needs " + weight.shape());
            }
            if (version > 2) {
                in.readByte(); // byte order: DJL reads either
            }
            long length = in.readInt();
            if (length != weight.bytes()) {
                throw malformed("its array says " + length + " bytes of values, and its shape " + shape + " of "
                        + dataType + " takes " + weight.bytes());
            }
            skip(length);
        }

        private Shape shape() throws IOException, MalformedModelException {
            int dimensions = count(MAX_DIMENSIONS, "dimensions");
            long[] sizes = new long[dimensions];
            for (int i = 0; i < dimensions; i++) {
                sizes[i] = in.readLong();
                if (sizes[i] < -1) {
                    throw malformed("a shape has the size " + sizes[i] + ", and sizes are -1 (unknown) or more");
                }
            }
            int layouts = count(MAX_DIMENSIONS, "layout letters");
            if (layouts != dimensions) {
                throw malformed("a shape of " + dimensions + " dimensions has " + layouts + " layout letters");
            }
            StringBuilder layout = new StringBuilder();
            for (int i = 0; i < layouts; i++) {
                char letter = in.readChar();
                if (Arrays.stream(LayoutType.values()).noneMatch(type -> type.getValue() == letter)) {
                    throw malformed("a shape has the layout letter '" + letter + "', which DJL does not know");
                }
                layout.append(letter);
            }
            return new Shape(sizes, layout.toString());
        }

        private DataType dataType(String name) throws MalformedModelException {
            if (Arrays.stream(DataType.values()).noneMatch(type -> type.name().equals(name))) {
                throw malformed("it names the data type '" + name + "', which DJL does not know");
            }
            return DataType.valueOf(name);
        }

        private void sparseFormat(String name) throws MalformedModelException {
            if (Arrays.stream(SparseFormat.values())
                    .noneMatch(format -> format.name().equals(name))) {
                throw malformed("it names the array format '" + name + "', which DJL does not know");
            }
        }

        /** A count that must be from 0 to {@code most}. */
        private int count(int most, String what) throws IOException, MalformedModelException {
            int count = in.readInt();
            if (count < 0 || count > most) {
                throw malformed("it says " + count + " " + what + ", and DJL's format allows 0 to " + most + " there");
            }
            return count;
        }

        /** A string as DataOutputStream writes it: a two-byte length, then modified UTF-8. */
        private String text() throws IOException, MalformedModelException {
            need(2);
            in.mark(2);
            int length = in.readUnsignedShort();
            need(length);
            in.reset();
            try {
                return in.readUTF();
            } catch (UTFDataFormatException e) {
                throw malformed("a name in it is not valid modified UTF-8");
            }
        }

        private byte[] bytes(int count) throws IOException, MalformedModelException {
            need(count);
            byte[] bytes = new byte[count];
            in.readFully(bytes);
            return bytes;
        }

        private void skip(long count) throws IOException, MalformedModelException {
            need(count);
            in.skipNBytes(count);
        }

        /** Refuses before reading {@code count} bytes that the file does not have. */
        private void need(long count) throws MalformedModelException {
            if (count > left()) {
                throw malformed("it needs " + count + " more bytes, and the file has " + left() + " left: it is"
                        + " truncated or its lengths are wrong");
            }
        }

        MalformedModelException malformed(String problem) {
            return new MalformedModelException(
                    where + ", " + reading + " (byte " + counting.position + "): " + problem + ".");
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Counts the bytes read through it. */
    private static final class Counting extends FilterInputStream {
        private long position;
        private long marked;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            position += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            position += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(long count) throws IOException {
            long n = super.skip(count);
            position += n;
            return n;
        }

        @Override
        public synchronized void mark(int limit) {
            super.mark(limit);
            marked = position;
        }

        @Override
        public synchronized void reset() throws IOException {
            super.reset();
            position = marked;
        }
    }
}
