package ai.lepton.sweep;

/** How configurations are drawn from a {@link SearchSpace}. */
public enum Search {
    /** every combination, in declaration order (continuous ranges at their step, or 11 points) */
    GRID,
    /** configurations drawn independently from a seeded generator */
    RANDOM
}
