package ai.lepton.sweep;

/**
 * Where one trial runs: a device ({@code cpu} or {@code gpu:N}, as a training spec names it) and how many
 * CPU threads its engine may use, so trials side by side do not oversubscribe the cores.
 */
public record Slot(String device, int threads) {
    public Slot {
        if (threads < 1) {
            throw new IllegalArgumentException("a slot has at least one thread");
        }
    }
}
