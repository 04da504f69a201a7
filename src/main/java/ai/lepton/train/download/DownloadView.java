package ai.lepton.train.download;

import java.util.ServiceLoader;

/**
 * Shows downloads while they run. It hears every piece that arrives and decides itself how often to show one: in a
 * Lepton notebook one display updated in place (the notebook extension provides it as a service), elsewhere a few lines
 * on standard output.
 */
@FunctionalInterface
public interface DownloadView {

    /** Where a download stands; called as each piece arrives, and once more when it is done or stopped. */
    void update(DownloadProgress progress);

    /** Makes the view for downloads; registered with {@link ServiceLoader}. */
    interface Factory {
        /** A view, or null when this factory cannot show one here (no notebook attached). */
        DownloadView create();
    }

    /** The notebook's view when one is available, else the console's. */
    static DownloadView standard() {
        for (Factory factory : ServiceLoader.load(Factory.class)) {
            DownloadView view = factory.create();
            if (view != null) {
                return view;
            }
        }
        return new ConsoleDownloadView(System.out);
    }
}
