package ai.lepton.train;

import ai.djl.Device;
import ai.djl.nn.SequentialBlock;
import ai.lepton.IsolatedHome;
import ai.lepton.base.Settings;
import ai.lepton.data.CsvOptions;
import ai.lepton.data.DataLoader;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.runtime.model.TextBackbone;
import ai.lepton.runtime.text.TextTokenizer;
import ai.lepton.track.MetricPoint;
import ai.lepton.track.RunStore;
import ai.lepton.train.pretrained.ModelCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.Table;

import java.io.PrintWriter;
import java.nio.file.Path;

@ExtendWith(IsolatedHome.class)
class ProbeExperiment {
    static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2";

    @Test
    void measure() throws Exception {
        int per = Integer.getInteger("probe.per", 120);
        int maxLength = Integer.getInteger("probe.len", 128);
        String extra = System.getProperty("probe.yaml", "").replace(";", "\n");
        Table packages = DataLoader.csv(Path.of("..", "datasets", "debian-packages.csv"), CsvOptions.defaults())
                .table();
        double share = Double.parseDouble(System.getProperty("probe.split", "0.7"));
        TrainingData data = TextFineTuningTest.perSection(packages, per, share);
        String base = "pretrained: " + MINILM + "\nmax_length: " + maxLength + "\n";
        if (Boolean.getBoolean("probe.export")) {
            TrainOptions options = TrainOptions.parse(base + "epochs: 4");
            long t0 = System.nanoTime();
            try (Network network = Network.build("x", options, data, Device.cpu());
                    TextTokenizer tokenizer = TextTokenizer.open(
                            ModelCatalog.find(MINILM).orElseThrow().tokenizer(), maxLength)) {
                TextBackbone backbone =
                        (TextBackbone) ((SequentialBlock) network.model().getBlock())
                                .getChildren()
                                .get(0)
                                .getValue();
                FeatureMatrix train = FrozenEncoder.encode(
                        backbone,
                        data.train(),
                        data.task(),
                        tokenizer,
                        network.model().getNDManager());
                FeatureMatrix val = FrozenEncoder.encode(
                        backbone,
                        data.validation(),
                        data.task(),
                        tokenizer,
                        network.model().getNDManager());
                System.out.println(
                        "ENCODE seconds " + (System.nanoTime() - t0) / 1e9 + " rows " + (train.rows() + val.rows()));
                write(train, Path.of("/tmp/probe/train-" + per + "-" + maxLength + "-" + share + ".csv"));
                write(val, Path.of("/tmp/probe/val-" + per + "-" + maxLength + "-" + share + ".csv"));
                texts(data.train(), Path.of("/tmp/probe/train-" + per + "-" + share + ".tsv"));
                texts(data.validation(), Path.of("/tmp/probe/val-" + per + "-" + share + ".tsv"));
                network.model().close();
            }
        }
        try (RunStore store = RunStore.open("jdbc:sqlite:" + Settings.HOME.get().resolve("runs.db"))) {
            for (String yaml : extra.split("\\|")) {
                long t0 = System.nanoTime();
                try (TrainingResult result = Training.train(
                        store, "probe", data, TrainOptions.parse(base + yaml), new TrainingTest.RecordingView(-1))) {
                    var history = MetricPoint.byEpoch(store.metrics(result.runId()));
                    System.out.println(
                            "RESULT [" + yaml.replace("\n", "; ") + "] seconds " + (System.nanoTime() - t0) / 1e9
                                    + " " + result + "\n  val_accuracy " + history.get("val_accuracy")
                                    + "\n  loss " + history.get("loss") + "\n  val_loss " + history.get("val_loss"));
                }
            }
        }
    }

    private static void texts(FeatureMatrix m, Path file) throws Exception {
        try (PrintWriter out = new PrintWriter(file.toFile())) {
            for (int r = 0; r < m.rows(); r++) {
                out.println((int) m.labels()[r] + "\t" + String.join(" ", m.texts(r)).replace("\t", " ").replace("\n", " "));
            }
        }
    }

    private static void write(FeatureMatrix m, Path file) throws Exception {
        try (PrintWriter out = new PrintWriter(file.toFile())) {
            for (int r = 0; r < m.rows(); r++) {
                StringBuilder line = new StringBuilder().append((int) m.labels()[r]);
                for (int c = 0; c < m.columns(); c++) {
                    line.append(',').append(m.get(r, c));
                }
                out.println(line);
            }
        }
    }
}
