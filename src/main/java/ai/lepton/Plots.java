package ai.lepton;

import ai.lepton.data.Task;
import ai.lepton.evaluate.HeldOutEvaluation;
import ai.lepton.evaluate.RunModel;
import ai.lepton.plot.ClassPredictions;
import ai.lepton.plot.ClassifierPlots;
import ai.lepton.plot.Figure;
import ai.lepton.plot.ImportancePlot;
import ai.lepton.plot.MetricCurves;
import ai.lepton.plot.PlotException;
import ai.lepton.plot.ProfilePlots;
import ai.lepton.plot.SweepPlots;
import ai.lepton.sweep.Sweeping;
import ai.lepton.track.RunRecord;

import java.util.List;
import java.util.function.Function;

/**
 * The research loop's pictures, what {@code %lepton plot} draws. Everything is read from the run store and the
 * runs' checkpoints, so a plot can be drawn again after a kernel restart. Notebooks show a {@link Figure} as PNG;
 * {@code display(figure, "image/svg+xml")} or {@code figure.svg()} give SVG.
 */
public final class Plots {

    private Plots() {}

    /** The learning curves of one or more runs (ids, id prefixes or names): loss by step, then each metric family by epoch. */
    public static Figure runs(String... runs) {
        return runs(List.of(runs), List.of());
    }

    /** The curves of {@code metrics} (such as {@code loss, val_accuracy}; empty for the default panels) for each run. */
    public static Figure runs(List<String> runs, List<String> metrics) {
        if (runs.isEmpty()) {
            throw new PlotException(
                    "Name at least one run to plot, such as penguins-mlp; Lepton.runs() or %lepton runs lists them.");
        }
        List<MetricCurves.Curves> curves = runs.stream()
                .map(reference -> {
                    RunRecord run = Lepton.store().find(reference);
                    return MetricCurves.Curves.of(run.name(), Lepton.store().metrics(run.id()));
                })
                .toList();
        return MetricCurves.of(curves, metrics);
    }

    /** A sweep (id, id prefix or name) as recorded: its trials' learning curves, parallel coordinates and the metric against each parameter. */
    public static Figure sweep(String sweep) {
        return SweepPlots.overview(Sweeping.recorded(Lepton.store(), sweep));
    }

    /** The confusion matrix of a classification run's model on its held-out rows. */
    public static Figure confusion(String run) {
        return ClassifierPlots.confusion(heldOutPredictions(run, "confusion matrices"));
    }

    /** ROC curves of a classification run's model on its held-out rows. */
    public static Figure roc(String run) {
        return ClassifierPlots.roc(heldOutPredictions(run, "ROC curves"));
    }

    /** Precision–recall curves of a classification run's model on its held-out rows. */
    public static Figure precisionRecall(String run) {
        return ClassifierPlots.precisionRecall(heldOutPredictions(run, "precision–recall curves"));
    }

    /** Permutation feature importance of a run's model on its held-out rows, as bars. */
    public static Figure importance(String run) {
        return ImportancePlot.of(Lepton.explain(run));
    }

    /** A histogram of each numeric column and the frequent values of each categorical one of a named dataset. */
    public static Figure profile(String dataset) {
        return ProfilePlots.of(Lepton.dataset(dataset));
    }

    private static ClassPredictions heldOutPredictions(String reference, String what) {
        return withModel(reference, model -> {
            if (model.input().task() != Task.CLASSIFICATION) {
                throw new PlotException("Run " + model.run().name() + " is a regression of '"
                        + model.input().target() + "'; " + what
                        + " are for classification runs. Its learning curves: Plots.runs(\""
                        + model.run().name()
                        + "\") or %lepton plot " + model.run().name() + ".");
            }
            HeldOutEvaluation evaluation = model.evaluation();
            return new ClassPredictions(
                    model.run().name() + " on " + model.rows().size() + " held-out rows",
                    model.input().labels(),
                    evaluation.outputs(),
                    evaluation.labels());
        });
    }

    private static <T> T withModel(String reference, Function<RunModel, T> use) {
        try (RunModel model = RunModel.open(Lepton.store(), reference)) {
            return use.apply(model);
        }
    }
}
