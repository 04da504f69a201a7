"""Every notebook in notebooks/ runs headless through ./lepton run and shows what it should."""
import subprocess

import nbformat
import pytest

from conftest import ROOT

NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb") if not p.name.endswith(".out.ipynb"))


def outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_without_errors(notebook):
    result = subprocess.run([str(ROOT / "lepton"), "run", str(notebook)], capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stderr[-3000:]
    executed = nbformat.read(notebook.with_name(notebook.stem + ".out.ipynb"), as_version=4)
    assert not [o for o in outputs(executed) if o.output_type == "error"]
    assert all(c.execution_count for c in executed.cells if c.cell_type == "code")
    assert notebook.with_name(notebook.stem + ".out.html").stat().st_size > 10_000


def test_quickstart_shows_a_table_a_chart_and_the_engine():
    executed = nbformat.read(ROOT / "notebooks" / "01-quickstart.out.ipynb", as_version=4)
    data = [o.get("data", {}) for o in outputs(executed)]
    assert any("image/png" in d for d in data), "no chart"
    assert any("rows × 3 columns" in d.get("text/html", "") for d in data), "no table"
    text = "".join(o.get("text", "") for o in outputs(executed))
    assert "PyTorch 2.7.1" in text and "offline" in text
    updates = [o for o in outputs(executed) if o.output_type == "display_data"]
    assert updates and updates[-1]["data"]["text/plain"] == "step 5 of 5", "the display was not updated in place"
