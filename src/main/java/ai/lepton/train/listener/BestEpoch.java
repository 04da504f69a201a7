package ai.lepton.train.listener;

import ai.lepton.track.Metric;
import ai.lepton.track.Mode;

/**
 * Follows the monitored metric over the epochs: which epoch is best so far, and how many epochs have passed since it
 * improved by more than {@code minDelta}. Restoring the best weights, the best checkpoint and early stopping read it.
 */
public final class BestEpoch {

    /**
     * Where it stands.
     *
     * @param epoch      the best epoch so far (0 before the first)
     * @param value      its monitored value
     * @param epochsSince epochs since it, without improvement
     */
    public record State(int epoch, double value, int epochsSince) {}

    private final Metric followed;
    private final double minDelta;
    private State state;

    /** Follows {@code followed}, better in its direction by more than {@code minDelta}. */
    public BestEpoch(Metric followed, double minDelta) {
        this.followed = followed;
        this.minDelta = minDelta;
        this.state = new State(0, increases() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, 0);
    }

    private boolean increases() {
        return followed.mode() == Mode.MAX;
    }

    /** The metric it follows. */
    public Metric followed() {
        return followed;
    }

    /** Continues from what a checkpoint recorded. */
    public void restore(State recorded) {
        state = recorded;
    }

    /** Records epoch {@code epoch}'s monitored value. */
    public State record(int epoch, double value) {
        boolean improved = increases() ? value > state.value() + minDelta : value < state.value() - minDelta;
        state = improved || state.epoch() == 0
                ? new State(epoch, value, 0)
                : new State(state.epoch(), state.value(), state.epochsSince() + 1);
        return state;
    }

    public State state() {
        return state;
    }
}
