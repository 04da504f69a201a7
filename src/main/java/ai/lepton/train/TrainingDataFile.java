package ai.lepton.train;

import ai.lepton.base.AtomicFiles;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;
import ai.lepton.data.TextColumn;
import ai.lepton.track.Lineage;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep's training data in one file, for trials that run in other JVMs (jobs of a cluster, on a file system they
 * share): the training and validation rows with their labels and free text, the task and classes, and the lineage the
 * data has here, so the trials' runs record where the data came from exactly as local trials do.
 */
public final class TrainingDataFile {

    private static final int MAGIC = 0x4C45_5054; // "LEPT"
    private static final int VERSION = 1;

    private TrainingDataFile() {}

    /** Writes {@code data} to {@code file} whole or not at all. */
    public static void write(TrainingData data, Path file) throws IOException {
        AtomicFiles.write(file, stream -> {
            DataOutputStream out = new DataOutputStream(stream);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            text(out, data.task().name());
            texts(out, data.labels());
            out.writeInt(data.rowShape().length);
            for (long size : data.rowShape()) {
                out.writeLong(size);
            }
            text(out, String.valueOf(data.origin()));
            text(out, data.lineage().toJson());
            matrix(out, data.train());
            matrix(out, data.validation());
            out.flush();
        });
    }

    /** Reads what {@link #write} wrote; says what is wrong with a file it cannot read. */
    public static TrainingData read(Path file) throws IOException {
        try (InputStream stream = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(stream))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new TrainingException(file + " is not training data written by this Lepton"
                        + " (TrainingDataFile version " + VERSION + "): run the sweep again to write it.");
            }
            Task task = Task.valueOf(text(in));
            List<String> labels = texts(in);
            long[] rowShape = new long[in.readInt()];
            for (int i = 0; i < rowShape.length; i++) {
                rowShape[i] = in.readLong();
            }
            String origin = text(in);
            Lineage lineage = Lineage.fromJson(text(in));
            FeatureMatrix train = matrix(in);
            FeatureMatrix validation = matrix(in);
            return TrainingData.restored(train, validation, task, labels, rowShape, origin, lineage);
        }
    }

    private static void matrix(DataOutputStream out, FeatureMatrix matrix) throws IOException {
        out.writeInt(matrix.rows());
        texts(out, matrix.names());
        floats(out, matrix.features());
        out.writeBoolean(matrix.labels() != null);
        if (matrix.labels() != null) {
            floats(out, matrix.labels());
        }
        out.writeInt(matrix.texts().size());
        for (TextColumn column : matrix.texts()) {
            text(out, column.name());
            texts(out, List.of(column.values()));
        }
    }

    private static FeatureMatrix matrix(DataInputStream in) throws IOException {
        int rows = in.readInt();
        List<String> names = texts(in);
        float[] features = floats(in);
        float[] labels = in.readBoolean() ? floats(in) : null;
        List<TextColumn> columns = new ArrayList<>();
        for (int count = in.readInt(); count > 0; count--) {
            columns.add(new TextColumn(text(in), texts(in).toArray(String[]::new)));
        }
        return new FeatureMatrix(features, labels, rows, names, columns);
    }

    private static void floats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float value : values) {
            out.writeFloat(value);
        }
    }

    private static float[] floats(DataInputStream in) throws IOException {
        float[] values = new float[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    private static void texts(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            text(out, value);
        }
    }

    private static List<String> texts(DataInputStream in) throws IOException {
        List<String> values = new ArrayList<>();
        for (int count = in.readInt(); count > 0; count--) {
            values.add(text(in));
        }
        return values;
    }

    /** A string of any length (DataOutputStream's own stops at 64 KiB). */
    private static void text(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String text(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }
}
