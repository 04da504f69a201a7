package ai.lepton.train;

import ai.lepton.track.RunStore;
import ai.lepton.train.listener.TrainingListener;
import ai.lepton.train.listener.TrainingProgress;
import ai.lepton.train.loop.Training;
import ai.lepton.train.loop.TrainingTest;

/**
 * A training run in its own process, for {@link TrainingTest}'s kill-and-resume check: args are the store
 * URL and the hyperparameters (YAML, with \n escaped). Prints "run ID" once training has started; the test
 * kills the process part-way.
 */
public final class KilledRun {

    private KilledRun() {}

    public static void main(String[] args) {
        TrainingListener announcer = new TrainingListener() {
            private boolean announced;

            @Override
            public void onProgress(TrainingProgress progress) {
                if (!announced) {
                    announced = true;
                    System.out.println("run " + progress.runId());
                    System.out.flush();
                }
            }
        };
        try (RunStore store = RunStore.open(args[0]);
                TrainingResult ignored = Training.train(
                        store,
                        "killed",
                        TrainingTestData.penguins(),
                        TrainOptions.parse(args[1].replace("\\n", "\n")),
                        announcer)) {
            System.out.println("finished before it was killed");
        }
    }
}
