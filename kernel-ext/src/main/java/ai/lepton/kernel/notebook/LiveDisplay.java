package ai.lepton.kernel.notebook;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** One notebook output that long work keeps replacing: shown the first time, updated in place after. */
public final class LiveDisplay {

    private String displayId;

    public void show(DisplayData data) {
        if (displayId == null) {
            displayId = Notebook.display(data);
        } else {
            Notebook.updateDisplay(displayId, data);
        }
    }

    /** Whether anything is shown yet. */
    public boolean shown() {
        return displayId != null;
    }
}
