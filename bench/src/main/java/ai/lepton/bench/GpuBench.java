package ai.lepton.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.lepton.base.Settings;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.runtime.model.BertConfig;
import ai.lepton.runtime.model.BertEncoder;
import ai.lepton.runtime.weights.SafeTensors;
import ai.lepton.runtime.weights.Tensor;
import ai.lepton.train.TrainingData;
import ai.lepton.train.device.DeviceReport;
import ai.lepton.train.pretrained.HuggingFaceFolder;
import ai.lepton.train.pretrained.ModelCatalog;
import com.google.gson.Gson;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GPU kit's benchmark, the Java side ({@code run.sh bench}); the kit's Python trains the same models in PyTorch.
 *
 * <ul>
 *   <li>{@code architecture FOLDER}: writes all-MiniLM-L6-v2's config.json, tokenizer.json and pooling config to
 *       FOLDER (the kit's copy; its 90 MB of weights stay behind).
 *   <li>{@code run ARCHITECTURE WORK}: on the device {@code device: auto} picks, the MLP of {@link TrainBench} and
 *       MiniLM fine-tuning (full and LoRA) of {@link FinetuneBench}, sized for that device, with MiniLM's architecture
 *       and seeded random weights written to WORK/minilm, so PyTorch can load the same ones; prints samples per
 *       second and the sizes as JSON.
 * </ul>
 */
public final class GpuBench {

    private static final List<String> TEXT_MODES = List.of("full", "lora");

    /** On a GPU: enough work to keep it busy for a few seconds a benchmark. */
    private static final Sizes ON_GPU = new Sizes(500_000, 5, 1024, 3);
    /** On a CPU: a bring-up run of about a minute. */
    private static final Sizes ON_CPU = new Sizes(200_000, 3, 32, 2);

    private static final int WEIGHT_SEED = 11;

    private GpuBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "architecture" -> architecture(Path.of(args[1]));
            case "run" -> run(Path.of(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("architecture or run, not " + args[0]);
        }
    }

    private static void architecture(Path target) throws Exception {
        Path source = ModelCatalog.find(FinetuneBench.MINILM).orElseThrow().folder();
        copyArchitecture(source, target);
    }

    /** Everything of a model folder but its weights. */
    private static void copyArchitecture(Path source, Path target) throws Exception {
        Files.createDirectories(target.resolve("1_Pooling"));
        for (String file : List.of(HuggingFaceFolder.CONFIG, HuggingFaceFolder.TOKENIZER, "1_Pooling/config.json")) {
            Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void run(Path architecture, Path work) throws Exception {
        System.setProperty(Settings.HOME.property(), work.resolve("home").toString());
        DeviceReport report = DeviceReport.current();
        boolean cpu = report.autoChoice().equals(Device.cpu());
        String device = cpu ? "cpu" : "gpu";
        Sizes sizes = cpu ? ON_CPU : ON_GPU;
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("device", report.autoChoice().toString());
        results.put("gpus", report.gpus());
        results.put("engine", report.engine().name() + " " + report.engine().version());
        results.put("sizes", sizes);
        results.put(
                "mlp",
                TrainBench.lepton(
                        TrainBench.rows(sizes.mlpRows(), 1),
                        TrainBench.rows(sizes.mlpRows() / 10, 2),
                        sizes.mlpEpochs(),
                        device));
        Path minilm = work.resolve("minilm");
        copyArchitecture(architecture, minilm);
        writeRandomWeights(minilm);
        Table packages = DataLoader.csv(Path.of("datasets", "debian-packages.csv"), CsvOptions.defaults())
                .table();
        Path ids = work.resolve("ids.json");
        results.put("ids", ids.toString());
        HuggingFaceFolder folder = HuggingFaceFolder.open(minilm);
        TrainingData data = FinetuneBench.speedData(packages, folder, sizes.textRows(), ids);
        Map<String, Object> text = new LinkedHashMap<>();
        for (String mode : TEXT_MODES) {
            text.put(mode, FinetuneBench.speed(data, folder, device, mode, sizes.textEpochs()));
        }
        results.put("text", text);
        System.out.println(new Gson().toJson(results));
    }

    /** Seeded random weights of the architecture in {@code folder}'s config.json, as its model.safetensors. */
    private static void writeRandomWeights(Path folder) throws Exception {
        BertConfig config = BertConfig.fromHuggingFace(Files.readString(folder.resolve(HuggingFaceFolder.CONFIG)));
        Engine.getInstance().setRandomSeed(WEIGHT_SEED);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            BertEncoder encoder = new BertEncoder(config, 0.1f);
            Shape shape = new Shape(1, 8);
            encoder.initialize(manager, DataType.FLOAT32, shape, shape, shape);
            encoder.huggingFaceNames().forEach((name, parameter) -> {
                NDArray array = parameter.getArray();
                tensors.put(name, new Tensor(array.getShape().getShape(), array.toFloatArray()));
            });
        }
        SafeTensors.write(folder.resolve(HuggingFaceFolder.WEIGHTS), tensors);
    }

    /** How much each benchmark trains. */
    record Sizes(int mlpRows, int mlpEpochs, int textRows, int textEpochs) {}
}
