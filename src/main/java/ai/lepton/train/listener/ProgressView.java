package ai.lepton.train.listener;

import java.util.ServiceLoader;

/**
 * A listener that shows a training run's progress while it trains. In a Lepton notebook this is one display updated in
 * place (the notebook extension provides it as a service); elsewhere a line per epoch on standard output.
 */
public interface ProgressView extends TrainingListener {

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
