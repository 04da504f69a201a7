package ai.lepton.options;

/**
 * A value for each option of a table, as one options class holds them (the hyperparameters of a run, the options of a
 * sweep or a promotion): its typed accessors read {@link #get(Option)}.
 */
public abstract class OptionSet {

    private final OptionValues values;

    protected OptionSet(OptionValues values) {
        this.values = values;
    }

    /** The value of {@code option}, one of this set's table. */
    public <T> T get(Option<T> option) {
        return values.get(option);
    }

    protected OptionValues values() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && values.equals(((OptionSet) other).values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /**
     * The builder every options class has, in DJL's style: its {@code opt*} methods for the common options, and
     * {@link #set(Option, Object)} for any option of the table, each value checked as it is set.
     *
     * @param <B> the builder itself, so that calls chain
     */
    public abstract static class Builder<B extends Builder<B>> {

        private OptionValues values;

        protected Builder(OptionValues values) {
            this.values = values;
        }

        public <T> B set(Option<T> option, T value) {
            values = values.with(option, value);
            return self();
        }

        /** Sets an option by its name, from a value as YAML or typed text gives it. */
        public B set(String name, Object value) {
            values = values.with(name, value);
            return self();
        }

        /** Applies the {@code name: value} lines of {@code yaml}. */
        public B apply(String yaml) {
            values = values.table().read(values, yaml);
            return self();
        }

        protected OptionValues values() {
            return values;
        }

        protected abstract B self();
    }
}
