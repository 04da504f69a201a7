import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.load.ImageSet;
import ai.lepton.base.Settings;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.loop.Training;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingResult;
import ai.lepton.track.RunStore;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Makes the pretrained model the repository ships: a small CNN trained on the 8×8 digits 0 to 4 of
 * datasets/digits.csv, written as model-0000.params + architecture.json into the folder given. Fine-tuning
 * it on the digits 5 to 9 with a few labels is the fine-tuning demo and test. Run by make_pretrained.sh.
 */
public final class MakePretrained {

    private MakePretrained() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path work = Files.createTempDirectory("lepton-pretrain-");
        System.setProperty(Settings.HOME.property(), work.toString());
        Table digits = DataLoader.csv(Path.of("datasets", "digits.csv"), CsvOptions.defaults()).table();
        Table lowDigits = digits.where(digits.numberColumn("digit").isLessThan(5));
        List<ImageSet> split = ImageSet.fromTable(lowDigits, "digit", 8, 8, 16).split(0.2, 7);
        String spec = "model: cnn\nhidden: [16, 32]\nepochs: 20\nbatch: 32\nlr: 3e-3\nseed: 7\ndevice: cpu\nmonitor: val_loss";
        try (RunStore store = RunStore.open("jdbc:sqlite:" + work.resolve("runs.db"));
             TrainingResult result = Training.train(store, "digits-cnn-0to4", TrainingData.of(split.get(0), split.get(1)),
                     TrainOptions.parse(spec))) { // no view: the result line says what matters
            Files.createDirectories(out);
            Path best = result.checkpoints().resolve("best");
            for (String file : List.of("model-0000.params", "architecture.json")) {
                Files.copy(best.resolve(file), out.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            System.out.println("digits-cnn-0to4: validation accuracy " + result.metrics().get("val_accuracy") + " (best epoch "
                    + result.bestEpoch() + "), written to " + out);
        }
    }
}
