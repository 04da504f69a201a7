package ai.lepton.train.device;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import ai.lepton.train.Devices;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What this session can train on: the engine and where its natives come from, each GPU PyTorch sees
 * (memory, compute capability), what {@code device: auto} picks, and the CPU and heap beside it.
 *
 * @param engine     the loaded engine
 * @param natives    where the engine's native library comes from
 * @param gpus       one line per visible GPU
 * @param autoChoice the device {@code device: auto} trains on here
 * @param cpuCores   processors the JVM may use
 * @param maxHeap    the JVM's heap limit in bytes
 */
public record DeviceReport(
        EngineInfo engine, String natives, List<String> gpus, Device autoChoice, int cpuCores, long maxHeap) {

    public DeviceReport {
        gpus = List.copyOf(gpus);
    }

    /** Describes this machine; loads the engine on first use. */
    public static DeviceReport current() {
        EngineInfo engine = EngineInfo.current();
        List<String> gpus = new ArrayList<>();
        for (int i = 0; i < engine.gpuCount(); i++) {
            Device gpu = Device.gpu(i);
            gpus.add(String.format(
                    Locale.ROOT,
                    "%s: compute capability %s, %.1f GiB",
                    gpu,
                    CudaUtils.getComputeCapability(i),
                    CudaUtils.getGpuMemory(gpu).getMax() / (double) (1L << 30)));
        }
        return new DeviceReport(
                engine,
                nativesInUse(),
                gpus,
                Devices.select("auto", engine.gpuCount(), note -> {}),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory());
    }

    /** The natives DJL was told to use (environment/GPU.md), else the CPU build Lepton ships from Maven Central. */
    private static String nativesInUse() {
        String path = System.getenv("PYTORCH_LIBRARY_PATH");
        if (path != null && !path.isBlank()) {
            String flavor = System.getenv("PYTORCH_FLAVOR");
            return "libtorch in " + path + (flavor == null ? "" : " (flavor " + flavor + ")")
                    + ", from PYTORCH_LIBRARY_PATH";
        }
        return "pytorch-native-cpu from Maven Central, on the classpath (CPU only; environment/GPU.md sets up CUDA)";
    }

    /** The report as a two-column table: what, and its value. */
    public Table table() {
        List<String> what = new ArrayList<>(List.of("engine", "natives", "GPUs"));
        List<String> value = new ArrayList<>(List.of(
                engine.name() + " " + engine.version() + (engine.offline() ? " (offline)" : ""),
                natives,
                gpus.isEmpty() ? "none visible" : String.valueOf(gpus.size())));
        for (String gpu : gpus) {
            what.add("");
            value.add(gpu);
        }
        what.addAll(List.of("device: auto", "CPU cores", "JVM heap limit"));
        value.addAll(List.of(
                autoChoice.toString(),
                String.valueOf(cpuCores),
                String.format(Locale.ROOT, "%.1f GiB", maxHeap / (double) (1L << 30))));
        return Table.create("devices", StringColumn.create("what", what), StringColumn.create("value", value));
    }

    @Override
    public String toString() {
        return engine + "; device: auto → " + autoChoice + "; natives: " + natives;
    }
}
