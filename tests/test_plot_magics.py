"""%lepton plot, explain and device on the real kernel: figures drawn from the store, SVG on request, clear errors
for bad input with the kernel alive, completion of %lepton lines, and what magics made reachable from code."""
import pytest

from conftest import ROOT, Kernel

PENGUINS = ROOT / "datasets" / "penguins.csv"
TRAIN = "%%lepton train --name {name}\nhidden: [{hidden}]\nepochs: 4\nbatch: 32\nlr: 1e-2\nmonitor: val_accuracy"


@pytest.fixture(scope="module")
def trained():
    kernel = Kernel()
    try:
        kernel.ok(f"%lepton data load {PENGUINS} --name plotpenguins")
        kernel.ok("%lepton data prepare plotpenguins --target species --stratify --seed 3")
        kernel.ok(TRAIN.format(name="plot-a", hidden=8), timeout=300)
        kernel.ok(TRAIN.format(name="plot-b", hidden=16), timeout=300)
        kernel.ok("%%lepton sweep --name plot-sweep --trials 3 --seed 2\nhidden: [[4], [8]]\nlr: loguniform(1e-3, 1e-1)\nepochs: 3\n"
                  "batch: 32\nmonitor: val_accuracy", timeout=600)
        yield kernel
    finally:
        kernel.shutdown()


def png_of(cell):
    data = cell.result
    assert "image/png" in data, data.keys()
    return data


def test_learning_curves_of_one_and_several_runs_are_pngs(trained):
    one = png_of(trained.ok("%lepton plot plot-a"))
    assert "training loss by step" in one["text/plain"] and "accuracy by epoch" in one["text/plain"]
    both = png_of(trained.ok("%lepton plot plot-a plot-b --metrics val_accuracy,loss"))
    assert "val_accuracy by epoch, loss by epoch" in both["text/plain"]


def test_svg_on_request(trained):
    data = trained.ok("%lepton plot plot-a --format svg").result
    assert data["image/svg+xml"].lstrip().startswith("<?xml") and "<svg" in data["image/svg+xml"]
    assert "image/png" not in data
    code = trained.ok('display(ai.lepton.Plots.runs("plot-b"), "image/svg+xml")')
    shown = [d for d in code.of_type("display_data") if "image/svg+xml" in d["data"]]
    assert shown, "display(figure, svg) shows SVG"


def test_held_out_plots_of_a_classification_run(trained):
    for kind, title in (("confusion", "confusion: plot-a on"), ("roc", "ROC: plot-a on"), ("pr", "precision–recall: plot-a on"),
                        ("importance", "permutation importance: plot-a")):
        data = png_of(trained.ok(f"%lepton plot {kind} plot-a", timeout=180))
        assert title in data["text/plain"], (kind, data["text/plain"])


def test_sweep_and_profile_plots(trained):
    sweep = png_of(trained.ok("%lepton plot sweep plot-sweep"))
    assert "trials: val_accuracy by epoch" in sweep["text/plain"] and "parallel coordinates" in sweep["text/plain"]
    profile = png_of(trained.ok("%lepton plot profile plotpenguins"))
    assert "bill_length_mm" in profile["text/plain"] and "island" in profile["text/plain"]


def test_explain_and_device_show_html(trained):
    explained = trained.ok("%lepton explain plot-a", timeout=180).result
    assert "held-out rows" in explained["text/html"] and "data:image/png;base64," in explained["text/html"]
    assert "bill_length_mm" in explained["text/html"]
    device = trained.ok("%lepton device").result["text/html"]
    assert "PyTorch 2.7.1" in device and "device: auto" in device and "cpu()" in device


def test_what_magics_made_is_reachable_from_code(trained):
    name = trained.ok("ai.lepton.Lepton.store().find(ai.lepton.Lepton.lastRun().id()).name()").result["text/plain"]
    assert name == "plot-b", "the last run %%lepton train made (sweep trials are the sweep's)"
    assert trained.ok('ai.lepton.Lepton.dataset("plotpenguins").rowCount()').result["text/plain"] == "344"
    assert trained.ok("ai.lepton.Lepton.lastSweep().name()").result["text/plain"] == "plot-sweep"


def test_bad_input_gets_clear_errors_and_the_kernel_lives(trained):
    trained.assert_clear_errors({
        "%lepton plot": "needs what to plot",
        "%lepton plot no-such-run": "No run is named or has the id 'no-such-run'",
        "%lepton plot confusion": "takes one name",
        "%lepton plot plot-a --metrics val_acuracy": "Did you mean val_accuracy?",
        "%lepton plot plot-a --format jpg": "--format jpg is not one of png, svg",
        "%lepton plot plot-a --colour red": "unknown option --colour",
        "%lepton plot sweep plot-a": "is not a sweep",
        "%lepton plot profile nothing": "No dataset named 'nothing'",
        "%lepton explain": "needs RUN",
        "%lepton explain plot-sweep": "is a sweep: its models are its trials'",
        "%lepton device gpu": "takes no arguments",
        "%lepton plto plot-a": "Did you mean %lepton plot?",
    }, timeout=180)


@pytest.mark.parametrize("code, expected", [
    ("%lepton pl", ["plot"]),
    ("%lepton data pre", ["prepare"]),
    ("%lepton data prepare penguins --sc", ["--scale"]),
    ("%lepton data prepare penguins --scale r", ["robust"]),
    ("%%lepton sw", ["sweep"]),
    ("%lepton plot con", ["confusion"]),
])
def test_completion_of_lepton_lines(trained, code, expected):
    trained.client.complete(code, len(code))
    reply = trained.client.get_shell_msg(timeout=30)["content"]
    assert reply["matches"] == expected, reply
    typed = code.split(" ")[-1]
    assert code[reply["cursor_start"]:reply["cursor_end"]] == typed
