"""%%lepton train on the real kernel: one live display, a tracked run that outlives the kernel, interrupt and resume."""
import re

from conftest import ROOT, Kernel

PENGUINS = ROOT / "datasets" / "penguins.csv"
TRAIN = "%%lepton train --name {name}\nmodel: mlp\nhidden: [32]\nepochs: {epochs}\nlr: 1e-2\nbatch: {batch}\n"


def prepare(kernel):
    kernel.ok(f"%lepton data load {PENGUINS}")
    kernel.ok("%lepton data prepare penguins --target species --stratify")


def test_training_shows_one_display_updated_in_place_and_records_the_run(kernel):
    prepare(kernel)
    cell = kernel.ok(TRAIN.format(name="live-mlp", epochs=8, batch=16), timeout=300)
    views = [d for d in cell.of_type("display_data") if "lepton-training" in d["data"].get("text/html", "")]
    assert len(views) == 1, "one display, not a line per step"
    display_id = views[0]["transient"]["display_id"]
    updates = cell.of_type("update_display_data")
    assert updates and all(u["transient"]["display_id"] == display_id for u in updates)
    assert "finished" in updates[-1]["data"]["text/plain"] and "epoch 8/8" in updates[-1]["data"]["text/plain"]
    assert '<img alt="learning curves of live-mlp"' in updates[-1]["data"]["text/html"]
    times = [m["received"] for m in cell.messages if m["msg_type"] == "update_display_data"]
    if len(times) > 8:
        assert len(times) / (times[-1] - times[0] + 1e-9) < 12, "updates are rate-limited"
    assert "val_accuracy" in cell.result["text/html"]
    runs = kernel.ok("%lepton runs --last 5").result["text/html"]
    assert "live-mlp" in runs and "FINISHED" in runs


def test_runs_survive_a_kernel_restart_and_compare(fresh_kernel):
    html = fresh_kernel.ok("%lepton runs").result["text/html"]
    assert "live-mlp" in html, "a new kernel reads the runs from the store"
    fresh_kernel.ok(f"%lepton data load {PENGUINS}")
    fresh_kernel.ok("%lepton data prepare penguins --target species --stratify")
    fresh_kernel.ok(TRAIN.format(name="second-mlp", epochs=2, batch=32), timeout=300)
    compared = fresh_kernel.ok("%lepton compare live-mlp second-mlp").result["text/html"]
    assert "live-mlp" in compared and "second-mlp" in compared and "epochs" in compared


def test_interrupt_stops_training_cleanly_and_the_run_resumes(fresh_kernel):
    prepare(fresh_kernel)
    msg_id = fresh_kernel.send(TRAIN.format(name="to-interrupt", epochs=40, batch=4))
    # interrupt once batches are training: the loop is what must stop at the next batch
    fresh_kernel.wait_for(msg_id, lambda m: m["msg_type"] in ("display_data", "update_display_data")
                          and re.search(r"epoch ([2-9]|\d\d)/40", m["content"]["data"].get("text/plain", "")), timeout=120)
    fresh_kernel.manager.interrupt_kernel()
    cell = fresh_kernel.collect(msg_id, timeout=120)
    match = re.search(r"Run (\w+) INTERRUPTED after (\d+) epoch", cell.stdout)
    assert match, cell.stdout + cell.error_text
    assert fresh_kernel.ok("1 + 1").result["text/plain"] == "2", "the session lives on"
    runs = fresh_kernel.ok("%lepton runs").result["text/html"]
    assert "INTERRUPTED" in runs
    run_id, done = match.group(1), int(match.group(2))
    assert 0 < done < 40
    resumed = fresh_kernel.ok(f"%%lepton train --resume {run_id}", timeout=300)
    assert f"run {run_id}: FINISHED after 40 epoch(s)" in resumed.stdout
    epochs = fresh_kernel.ok(f'ai.lepton.Lepton.store().metrics("{run_id}").stream().filter(p -> p.name().equals("val_loss")).count()')
    assert epochs.result["text/plain"] == "40", "one validation per epoch, before and after the interrupt"


def test_bad_training_input_says_what_and_where(kernel):
    prepare(kernel)
    kernel.ok(f"%lepton data load {PENGUINS} --name raw-penguins --target species")
    cases = {
        "%%lepton train --data raw-penguins\nepochs: 1":
            "Dataset 'raw-penguins' is loaded but not prepared yet: prepare it with %lepton data prepare raw-penguins"
            " --target species",
        "%%lepton train\nhidden: [8]\nepoks: 3": "Line 2, 'epoks': Unknown hyperparameter 'epoks'. Did you mean epochs?",
        "%%lepton train\nlr: fast": "'lr' must be a number, not 'fast'",
        "%%lepton train --data nope\nepochs: 1": "No prepared dataset named 'nope'",
        "%%lepton train\nmodel: cnn\nepochs: 1": "model: cnn needs images",
        "%%lepton train\ndevice: gpu:3\nepochs: 1": "asks for GPU 3",
        "%lepton train": "train is a cell magic",
    }
    kernel.assert_clear_errors(cases)


def test_train_help_lists_every_hyperparameter(kernel):
    help_text = kernel.ok("%%lepton train --help\n").result["text/plain"]
    for key in ("epochs", "monitor", "pretrained", "trainable", "backbone_lr", "unfreeze_after"):
        assert key in help_text, key
