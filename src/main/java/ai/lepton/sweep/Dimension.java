package ai.lepton.sweep;

import smile.hpo.Hyperparameters;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The values one hyperparameter may take in a sweep. Each kind declares itself on Smile's
 * {@link Hyperparameters} and turns the text Smile samples back into the value a trial gets.
 */
public sealed interface Dimension {

    /** Declares this dimension as {@code name} on {@code space}, for drawing by {@code search}. */
    void declare(String name, Hyperparameters space, Search search);

    /** The trial's value for the text Smile drew. */
    Object value(String drawn);

    /** How the dimension is written in a sweep's YAML; parsing it gives this dimension again. */
    String yaml();

    /** Sampled doubles keep 6 significant digits: a learning rate of 0.000316228 reads better than 17 digits and trains the same. */
    private static double readable(double value) {
        return new BigDecimal(value).round(new MathContext(6)).doubleValue();
    }

    /** One value for every trial. */
    record Fixed(Object value) implements Dimension {
        @Override
        public void declare(String name, Hyperparameters space, Search search) {
            space.add(name, "fixed");
        }

        @Override
        public Object value(String drawn) {
            return value;
        }

        @Override
        public String yaml() {
            return SpaceYaml.flow(value);
        }
    }

    /** One of a list of values (numbers, text or lists, such as layer widths). */
    record Choice(List<?> values) implements Dimension {
        public Choice {
            if (values.isEmpty()) {
                throw new SweepException("A choice needs at least one value.");
            }
            values = List.copyOf(values);
        }

        @Override
        public void declare(String name, Hyperparameters space, Search search) {
            // Smile draws the index; the value itself may be a list Smile has no type for
            String[] indices = new String[values.size()];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = Integer.toString(i);
            }
            space.add(name, indices);
        }

        @Override
        public Object value(String drawn) {
            return values.get(Integer.parseInt(drawn));
        }

        @Override
        public String yaml() {
            return values.stream().map(SpaceYaml::flow).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** A whole number from {@code low} to {@code high}, both included; grid search steps by {@code step}. */
    record IntRange(int low, int high, int step) implements Dimension {
        public IntRange {
            if (low > high) {
                throw new SweepException("int(" + low + ", " + high + "): the low end is above the high end; write int("
                        + high + ", " + low + ").");
            }
            if (step < 1) {
                throw new SweepException("int(" + low + ", " + high + ", " + step + "): the step must be 1 or more.");
            }
        }

        @Override
        public void declare(String name, Hyperparameters space, Search search) {
            if (search == Search.GRID) {
                space.add(name, low, high, step);
            } else {
                space.add(name, low, high + 1); // Smile draws from [low, high)
            }
        }

        @Override
        public Object value(String drawn) {
            return Integer.parseInt(drawn);
        }

        @Override
        public String yaml() {
            return "int(" + low + ", " + high + ", " + step + ")";
        }
    }

    /**
     * A number drawn uniformly from [low, high), or on a log scale when {@code log} (for learning rates and
     * other scales). Grid search takes 11 evenly spaced points, or steps of {@code step} when it is above 0.
     */
    record Range(double low, double high, double step, boolean log) implements Dimension {
        public Range {
            String written = (log ? "loguniform(" : "uniform(") + low + ", " + high + ")";
            if (!Double.isFinite(low) || !Double.isFinite(high)) {
                throw new SweepException(written + ": both ends must be finite numbers.");
            }
            if (low > high) {
                throw new SweepException(written + ": the low end is above the high end; swap them.");
            }
            if (log && low <= 0) {
                throw new SweepException(
                        written + ": a log-uniform range needs both ends above 0, such as loguniform(1e-4, 1e-2).");
            }
            if (step < 0 || log && step > 0) {
                throw new SweepException(
                        written + ": " + (log ? "a log-uniform range has no step." : "the step must be above 0."));
            }
        }

        @Override
        public void declare(String name, Hyperparameters space, Search search) {
            double from = log ? Math.log(low) : low;
            double to = log ? Math.log(high) : high;
            if (from == to) {
                space.add(name, from); // a range of one point: Smile's steps would never move
            } else if (step > 0) {
                space.add(name, from, to, step);
            } else {
                space.add(name, from, to);
            }
        }

        @Override
        public Object value(String drawn) {
            double value = Double.parseDouble(drawn);
            return readable(log ? Math.exp(value) : value);
        }

        @Override
        public String yaml() {
            return (log ? "loguniform(" : "uniform(") + low + ", " + high + (step > 0 ? ", " + step : "") + ")";
        }
    }
}
