package ai.lepton.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.lepton.train.device.DeviceReport;
import com.google.gson.Gson;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The GPU kit's smoke test, the Java side ({@code run.sh check}): on the device {@code device: auto} picks, a matrix
 * product and one backward step, printed as JSON for the kit's Python to compare with the same computation in PyTorch.
 *
 * <p>The inputs are formulas of the row and column ({@code sin(0.37 i + 0.11 j)}, {@code cos(0.23 i - 0.19 j)}), so
 * both sides build the same matrices without sharing a random generator.
 */
public final class GpuSmoke {

    private static final int ROWS = 64;
    private static final int INNER = 48;
    private static final int COLUMNS = 32;

    private GpuSmoke() {}

    public static void main(String[] args) {
        DeviceReport report = DeviceReport.current();
        Device device = report.autoChoice();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("java_home", System.getProperty("java.home"));
        results.put("java_version", Runtime.version().toString());
        results.put("engine", report.engine().name() + " " + report.engine().version());
        results.put("gpus", report.gpus());
        results.put("device", device.toString());
        results.put("shape", new int[] {ROWS, INNER, COLUMNS});
        try (NDManager manager = NDManager.newBaseManager(device)) {
            NDArray a = matrix(manager, ROWS, INNER, (i, j) -> (float) Math.sin(0.37 * i + 0.11 * j));
            NDArray b = matrix(manager, INNER, COLUMNS, (i, j) -> (float) Math.cos(0.23 * i - 0.19 * j));
            results.put("product", a.matMul(b).toFloatArray());
            b.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = a.matMul(b).tanh().square().mean();
                collector.backward(loss);
                results.put("loss", loss.getFloat());
            }
            results.put("gradient", b.getGradient().toFloatArray());
        }
        System.out.println(new Gson().toJson(results));
    }

    private static NDArray matrix(NDManager manager, int rows, int columns, Entry value) {
        float[] values = new float[rows * columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                values[i * columns + j] = value.at(i, j);
            }
        }
        return manager.create(values, new Shape(rows, columns));
    }

    /** A matrix entry from its row and column. */
    @FunctionalInterface
    private interface Entry {
        float at(int row, int column);
    }
}
