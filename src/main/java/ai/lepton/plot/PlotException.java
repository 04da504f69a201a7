package ai.lepton.plot;

import ai.lepton.base.LeptonException;

/** A plot that cannot be drawn as asked (an unknown metric, a run without what the plot needs); the message says how to fix it. */
public class PlotException extends LeptonException {

    public PlotException(String message) {
        super(message);
    }
}
