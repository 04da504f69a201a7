package ai.lepton.runtime.model;

/**
 * Low-rank adapters on an encoder's attention query and value projections, as LoRA's authors and PEFT apply them.
 *
 * @param rank    the adapters' rank r (0: no adapters)
 * @param alpha   the scale numerator: the adapter's output is multiplied by alpha / r
 * @param dropout dropout on the adapter's input while training
 */
public record LoraSettings(int rank, double alpha, double dropout) {

    public static final LoraSettings NONE = new LoraSettings(0, 0, 0);

    public LoraSettings {
        if (rank < 0) {
            throw new IllegalArgumentException("a LoRA rank is 0 (no adapters) or more; got " + rank);
        }
    }

    public boolean enabled() {
        return rank > 0;
    }
}
