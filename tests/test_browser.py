"""Debian's Chromium, headless, against a real Jupyter Notebook served on 127.0.0.1: a chart cell shows its PNG, and the
quickstart's training cell keeps ONE live display that changes in place, then its plot appears. Screenshots are kept
in tests/artifacts."""
import os
import secrets
import socket
import subprocess
import time
import urllib.request

import nbformat
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PENGUINS = ROOT / "datasets" / "penguins.csv"
CHART_CELLS = [
    'var chart = org.knowm.xchart.QuickChart.getChart("browser", "x", "y", "y = x²",\n'
    '    new double[]{0, 1, 2, 3}, new double[]{0, 1, 4, 9});\n'
    'chart']
TRAINING_CELLS = [
    f"%lepton data load {PENGUINS}\n%lepton data prepare penguins --stratify --target species --seed 7",
    "%%lepton train --name browser-mlp\nmodel: mlp\nhidden: [32]\nepochs: 40\nbatch: 8\nlr: 1e-2\nmonitor: val_accuracy",
    "%lepton plot browser-mlp",
]


@pytest.fixture
def notebook_server(tmp_path):
    """Starts Jupyter Notebook on a free loopback port; returns a function that writes a notebook of cells and gives its URL."""
    port, token = free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        ["/usr/bin/python3", "-m", "notebook", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--NotebookApp.token={token}", f"--notebook-dir={tmp_path}", "--allow-root"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if time.time() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("Jupyter Notebook did not start")
            time.sleep(0.5)

    def notebook(name, cells):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "lepton", "display_name": "Java (Lepton)", "language": "java"}
        nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
        nbformat.write(nb, tmp_path / name)
        return f"{base}/notebooks/{name}?token={token}"

    yield notebook
    server.terminate()
    server.wait(timeout=30)


def open_with_kernel(chromium, url):
    chromium.get(url)
    wait = WebDriverWait(chromium, 120)
    wait.until(lambda d: d.execute_script(
        "return window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()"))
    return wait


def test_a_cell_shows_an_xchart_image_in_the_browser(notebook_server, chromium):
    wait = open_with_kernel(chromium, notebook_server("chart.ipynb", CHART_CELLS))
    chromium.execute_script("Jupyter.notebook.execute_all_cells()")
    image = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".output_png img"))[0]
    assert image.get_attribute("src").startswith("data:image/png;base64,")
    assert image.size["width"] > 100 and image.size["height"] > 100
    assert not chromium.find_elements(By.CSS_SELECTOR, ".output_error")
    ARTIFACTS.mkdir(exist_ok=True)
    chromium.save_screenshot(str(ARTIFACTS / "browser-xchart.png"))


def test_the_training_cell_updates_one_live_display_in_place_then_its_plot_appears(notebook_server, chromium):
    wait = open_with_kernel(chromium, notebook_server("training.ipynb", TRAINING_CELLS))
    chromium.execute_script("Jupyter.notebook.execute_all_cells()")
    training = ".cell:nth-of-type(2)"
    seen = set()
    largest_output_count = 0
    deadline = time.time() + 300
    while time.time() < deadline:
        # read in one script: the view is replaced under us on every update
        views, areas, plotted = chromium.execute_script(
            "const q = s => Array.from(document.querySelectorAll(s));"
            f"return [q('{training} .lepton-training code').map(e => e.textContent), q('{training} .output_area').length,"
            " q('.cell:nth-of-type(3) .output_png img').length];")
        seen.update(views)
        largest_output_count = max(largest_output_count, areas)
        if plotted:
            break
        time.sleep(0.1)
    assert len(chromium.find_elements(By.CSS_SELECTOR, f"{training} .lepton-training")) == 1, "one live display"
    assert len(seen) >= 3, f"the display changed in place as training went on: {seen}"
    assert any("finished" in text for text in seen), seen
    assert largest_output_count <= 4, "the view, a note, a line and the summary table — not a line per step"
    live_curves = chromium.find_elements(By.CSS_SELECTOR, f"{training} .lepton-training img")
    assert live_curves and live_curves[0].get_attribute("src").startswith("data:image/png;base64,")
    plot = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".cell:nth-of-type(3) .output_png img"))[0]
    assert plot.size["width"] > 300
    assert not chromium.find_elements(By.CSS_SELECTOR, ".output_error")
    chromium.execute_script("arguments[0].scrollIntoView()", chromium.find_element(By.CSS_SELECTOR, training))
    ARTIFACTS.mkdir(exist_ok=True)
    chromium.save_screenshot(str(ARTIFACTS / "browser-training.png"))
