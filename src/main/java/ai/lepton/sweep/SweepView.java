package ai.lepton.sweep;

import java.util.ServiceLoader;

/**
 * Shows a sweep while it runs. In a Lepton notebook this is one display updated in place (the kernel
 * provides it as a service); elsewhere a line per ended trial on standard output.
 */
public interface SweepView extends AutoCloseable {

    /** Called when a trial starts, finishes an epoch or ends, and while trials train. */
    void update(SweepProgress progress);

    @Override
    void close();

    /** Shows nothing: for a trial that runs away from its sweep's notebook (a cluster job). */
    static SweepView none() {
        return new SweepView() {
            @Override
            public void update(SweepProgress progress) {}

            @Override
            public void close() {}
        };
    }

    /** Makes the view for a sweep; registered with {@link ServiceLoader}. */
    interface Factory {
        /** A view, or null when this factory cannot show one here. */
        SweepView create(String sweepName);
    }

    /** The notebook's view when one is available, else the console. */
    static SweepView forSweep(String sweepName) {
        for (Factory factory : ServiceLoader.load(Factory.class)) {
            SweepView view = factory.create(sweepName);
            if (view != null) {
                return view;
            }
        }
        return new ConsoleSweepView(System.out);
    }
}
