package ai.lepton.train;

import ai.lepton.data.FeatureMatrix;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

class ReferenceCheck {
    static FeatureMatrix read(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        int width = lines.get(0).split(",").length - 1;
        float[] f = new float[lines.size() * width];
        float[] l = new float[lines.size()];
        for (int r = 0; r < lines.size(); r++) {
            String[] parts = lines.get(r).split(",");
            l[r] = Float.parseFloat(parts[0]);
            for (int c = 0; c < width; c++) f[r * width + c] = Float.parseFloat(parts[c + 1]);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < width; c++) names.add("x" + c);
        return new FeatureMatrix(f, l, lines.size(), names);
    }

    @Test
    void check() throws Exception {
        for (String tag : System.getProperty("probe.tags", "120-64").split(",")) {
            FeatureMatrix train = read(Path.of("/tmp/probe/train-" + tag + ".csv"));
            FeatureMatrix val = read(Path.of("/tmp/probe/val-" + tag + ".csv"));
            long t0 = System.nanoTime();
            ConvergedLogisticRegression model = ConvergedLogisticRegression.fit(train, 8);
            System.out.println("REF " + tag + " val " + model.accuracy(val) + " train " + model.accuracy(train)
                    + " seconds " + (System.nanoTime() - t0) / 1e9);
        }
    }
}
