package ai.lepton.plot;

import org.knowm.xchart.XYChart;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.function.Function;

/**
 * An x axis whose ticks fall on round numbers: it spans whole multiples of a 1-2-5 step around the data (XChart starts
 * its ticks at the data's minimum, which labels an axis 32.1, 38.975, 45.85), labels show the step's decimals only,
 * and an axis of whole numbers (years, counts, steps) labels no fractions.
 */
final class RoundTicks {

    /** About this many ticks across the axis. */
    private static final int TICKS = 5;

    /** Axes of at most this many whole steps label each one. */
    static final int FEW_STEPS = 12;

    private RoundTicks() {}

    /** Rounds {@code chart}'s x axis for data from {@code min} to {@code max}; {@code whole}: the values are integers. */
    static void x(XYChart chart, double min, double max, boolean whole) {
        if (!(max > min) || Double.isInfinite(max - min)) {
            return;
        }
        double step = step((max - min) / TICKS, whole);
        chart.getStyler().setXAxisMin(Math.floor(min / step) * step);
        chart.getStyler().setXAxisMax(Math.ceil(max / step) * step);
        chart.setCustomXAxisTickLabelsFormatter(labels(min, max, whole));
    }

    /** The tick labels of such an axis. */
    static Function<Double, String> labels(double min, double max, boolean whole) {
        DecimalFormat format = format(step((max - min) / TICKS, whole), Math.max(Math.abs(min), Math.abs(max)));
        return value -> whole && value != Math.rint(value) ? " " : format.format(value); // XChart cannot draw ""
    }

    /**
     * An x axis of whole steps 1 to {@code last} (epochs). XChart labels equally spaced x values by taking every k-th until
     * the labels merely fit, which runs long axes together ("1317212529"); half a step of margin at each end takes it
     * off that path to round ticks (0, 20, 40, 60). Up to {@value #FEW_STEPS} steps each keeps its own label.
     */
    static void wholeSteps(XYChart chart, int last) {
        if (last > FEW_STEPS) {
            chart.getStyler().setXAxisMin(0.5);
            chart.getStyler().setXAxisMax(last + 0.5);
        }
    }

    /** The 1, 2 or 5 × 10^k at or above {@code rough}; at least 1 for whole numbers. */
    static double step(double rough, boolean whole) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double step = 10 * power;
        for (double factor : new double[] {1, 2, 5}) {
            if (factor * power >= rough) {
                step = factor * power;
                break;
            }
        }
        return whole ? Math.max(1, Math.rint(step)) : step;
    }

    /** As many decimals as the step has; thousands grouped only from 10,000 (a year stays 2008). */
    private static DecimalFormat format(double step, double largest) {
        int decimals = Math.max(
                0, new BigDecimal(Double.toString(step)).stripTrailingZeros().scale());
        String pattern = (largest >= 10_000 ? "#,##0" : "0") + (decimals > 0 ? "." + "0".repeat(decimals) : "");
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    }
}
