package ai.lepton.train;

import java.util.ServiceLoader;

/**
 * Shows a training run's progress while it trains. In a Lepton notebook this is one display updated in
 * place (the kernel provides it as a service); elsewhere a line per epoch on standard output.
 */
public interface ProgressView extends AutoCloseable {

    /** Called at most a few times a second, and at the end of every epoch. */
    void update(TrainingProgress progress);

    /** The final state; the view shows it and stops updating. */
    @Override
    void close();

    /** Makes the view for a run; registered with {@link ServiceLoader}. */
    interface Factory {
        /** A view, or null when this factory cannot show one here (no notebook attached). */
        ProgressView create(String runName);
    }

    /** The notebook's view when one is available, else the console. */
    static ProgressView forRun(String runName) {
        for (Factory factory : ServiceLoader.load(Factory.class)) {
            ProgressView view = factory.create(runName);
            if (view != null) {
                return view;
            }
        }
        return new ConsoleProgressView(System.out);
    }
}
