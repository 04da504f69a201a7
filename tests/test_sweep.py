"""%%lepton sweep on the real kernel: an ASHA sweep with one live display, the trials table and plots, runs in the store."""
from conftest import ROOT

PENGUINS = ROOT / "datasets" / "penguins.csv"
SPACE = "model: mlp\nhidden: [[4], [32]]\nlr: loguniform(1e-3, 1e-1)\nepochs: 9\nbatch: 32\nmonitor: val_accuracy\n"


def test_an_asha_sweep_shows_live_progress_then_the_trials_table_and_plots(kernel):
    kernel.ok(f"%lepton data load {PENGUINS}")
    kernel.ok("%lepton data prepare penguins --target species --stratify")
    cell = kernel.ok("%%lepton sweep --name nb-sweep --trials 6 --scheduler asha --seed 11\n" + SPACE, timeout=600)
    views = [d for d in cell.of_type("display_data") if "lepton-sweep" in d["data"].get("text/html", "")]
    assert len(views) == 1, "one live display for the whole sweep"
    display_id = views[0]["transient"]["display_id"]
    updates = cell.of_type("update_display_data")
    assert updates and all(u["transient"]["display_id"] == display_id for u in updates)
    final = updates[-1]["data"]
    assert "6/6 trials ended" in final["text/plain"], final["text/plain"]
    assert 'alt="learning curves of the trials of nb-sweep"' in final["text/html"]
    result = cell.result
    assert "PRUNED" in result["text/html"] and "best_val_accuracy" in result["text/html"]
    assert result["text/html"].count("data:image/png;base64,") == 2, "metric-vs-parameter and parallel-coordinate plots"
    assert "trials, " in result["text/plain"] and "pruned" in result["text/plain"]
    runs = kernel.ok("%lepton runs").result["text/html"]
    assert "nb-sweep-trial-6" in runs and "nb-sweep" in runs
    best = kernel.ok("ai.lepton.Lepton.lastSweep().best().id()").result["text/plain"]
    assert best.strip('"') in runs, "the best trial is a run in the store"
    trials = kernel.ok("%lepton runs --sweep nb-sweep").result["text/html"]
    assert trials.count("nb-sweep-trial-") == 6 and "<td>nb-sweep</td>" not in trials


def test_bad_sweep_input_says_what_and_where(kernel):
    kernel.ok(f"%lepton data load {PENGUINS}")
    kernel.ok("%lepton data prepare penguins --target species --stratify")
    cases = {
        "%%lepton sweep\nlr: loguniform(0, 1e-2)": "Line 1, 'lr': loguniform(0.0, 0.01): a log-uniform range needs both ends above 0",
        "%%lepton sweep\nepochs: 2\nlerning_rate: [1e-3]": "'lerning_rate' in the search space is not a hyperparameter",
        "%%lepton sweep\n": "The search space is empty",
        "%%lepton sweep --scheduler hyperband\nlr: [1e-3]": "--scheduler is hyperband; it must be one of [asha, median, none]",
        "%%lepton sweep --trials many\nlr: [1e-3]": "--trials must be a whole number, not 'many'",
        "%%lepton sweep --metric val_acc\nepochs: 1\nlr: [1e-3]": "the metric 'val_acc' is never reported",
        "%lepton sweep": "sweep is a cell magic",
    }
    kernel.assert_clear_errors(cases)
