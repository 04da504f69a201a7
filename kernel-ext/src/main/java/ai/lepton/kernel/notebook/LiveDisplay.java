package ai.lepton.kernel.notebook;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** One notebook output that long work keeps replacing: shown the first time, updated in place after. */
final class LiveDisplay {

    private String displayId;

    void show(DisplayData data) {
        if (displayId == null) {
            displayId = Notebook.display(data);
        } else {
            Notebook.updateDisplay(displayId, data);
        }
    }

    /** Whether anything is shown yet. */
    boolean shown() {
        return displayId != null;
    }
}
