"""Debian's Chromium, headless, runs a cell in a real Jupyter Notebook served on 127.0.0.1 and shows the chart."""
import os
import secrets
import socket
import subprocess
import tempfile
import time
import urllib.request

import nbformat
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def notebook_server(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "lepton", "display_name": "Java (Lepton)", "language": "java"}
    nb.cells = [nbformat.v4.new_code_cell(
        'var chart = org.knowm.xchart.QuickChart.getChart("browser", "x", "y", "y = x²",\n'
        '    new double[]{0, 1, 2, 3}, new double[]{0, 1, 4, 9});\n'
        'chart')]
    nbformat.write(nb, tmp_path / "chart.ipynb")
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
    yield f"{base}/notebooks/chart.ipynb?token={token}"
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture
def chromium():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1200,900"):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='lepton-chromium-')}")
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def test_a_cell_shows_an_xchart_image_in_the_browser(notebook_server, chromium):
    chromium.get(notebook_server)
    wait = WebDriverWait(chromium, 120)
    wait.until(lambda d: d.execute_script(
        "return window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()"))
    chromium.execute_script("Jupyter.notebook.execute_all_cells()")
    image = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".output_png img"))[0]
    assert image.get_attribute("src").startswith("data:image/png;base64,")
    assert image.size["width"] > 100 and image.size["height"] > 100
    assert not chromium.find_elements(By.CSS_SELECTOR, ".output_error")
    ARTIFACTS.mkdir(exist_ok=True)
    chromium.save_screenshot(str(ARTIFACTS / "browser-xchart.png"))
