"""Public notebooks written for IJava (tests/corpus/README.md), run unchanged against Lepton installed as `java`."""
import os
import shutil
import subprocess

import nbformat
import pytest

from conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"


@pytest.fixture(scope="module")
def java_kernel(tmp_path_factory):
    """An environment whose Jupyter finds Lepton under the kernel name `java`, and a copy of the corpus to run in."""
    work = tmp_path_factory.mktemp("corpus")
    env = dict(os.environ, JUPYTER_DATA_DIR=str(work / "data"))
    installed = subprocess.run([str(ROOT / "lepton"), "kernel", "install", "--name", "java"], capture_output=True,
                               text=True, env=env, timeout=900)
    assert installed.returncode == 0, installed.stderr
    shutil.copytree(CORPUS, work / "notebooks")
    return env, work / "notebooks"


def execute(java_kernel, relative):
    env, notebooks = java_kernel
    notebook = notebooks / relative
    done = subprocess.run(["jupyter", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=600",
                           "--output", notebook.stem + ".done.ipynb", str(notebook)],
                          capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return nbformat.read(notebook.with_name(notebook.stem + ".done.ipynb"), as_version=4)


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def outputs(cell, key="text/plain"):
    return "".join(out.get("data", {}).get(key, "") + out.get("text", "") for out in cell.outputs)


def test_djl_tutorial_builds_its_network_after_a_cell_of_comments_and_shipped_maven_lines(java_kernel):
    code = code_cells(execute(java_kernel, "djl-demo/tutorial/01_create_your_first_network.ipynb"))
    assert "Kept the session's own ai.djl:api" in outputs(code[0]) and "(asked for 0.28.0)" in outputs(code[0])
    shown = outputs(code[-1])
    assert "SequentialBlock" in shown and "Linear" in shown, shown


def test_d2l_ndarray_runs_on_the_shipped_engine_although_it_asks_for_mxnet(java_kernel):
    code = code_cells(execute(java_kernel, "d2l-java/chapter_preliminaries/ndarray.ipynb"))
    assert "ND: (12) cpu() int32" in outputs(code[1]), outputs(code[1])
    assert all(out.output_type != "error" for c in code for out in c.outputs)


def test_d2l_autograd_loads_a_java_helper_by_name_and_computes_gradients(java_kernel):
    text = "".join(map(outputs, code_cells(execute(java_kernel, "d2l-java/chapter_preliminaries/autograd.ipynb"))))
    assert "[ 0.,  4.,  8., 12.]" in text, text[-2000:]  # the gradient of 2·xᵀx at x = [0, 1, 2, 3]


def test_d2l_calculus_plots_through_the_renderer_it_registers_with_ijava(java_kernel):
    notebook = execute(java_kernel, "d2l-java/chapter_preliminaries/calculus.ipynb")
    html = "".join(outputs(cell, "text/html") for cell in code_cells(notebook))
    assert "Plotly" in html and "cdn.plot.ly" in html, html[:500]


def test_an_ijava_notebook_that_pins_tablesaw_0_38_1_gets_it_and_calls_its_table_select(java_kernel):
    code = code_cells(execute(java_kernel, "ijava-pins/pinned-libraries.ipynb"))
    pins = outputs(code[0])
    assert "tech.tablesaw:tablesaw-core 0.38.1 (Lepton ships 0.44.4)" in pins, pins
    assert "Kept the session's own ai.djl:api 0.35.1 (asked for 0.21.0)" in pins, pins
    assert "Lepton's DJL stays" in pins and "nothing was resolved at the version asked" in pins, pins
    selected = outputs(code[1])
    assert "grace" in selected and "points" not in selected, selected  # Table.select(String...) ran, on 0.38.1
    assert "tablesaw-core-0.38.1.jar" in outputs(code[2]), outputs(code[2])
    assert "{1,2,3}" in outputs(code[3]), outputs(code[3])  # commons-lang3 without %maven, as on IJava
    assert "PyTorch 0.35.1" in outputs(code[4]), outputs(code[4])  # the shipped DJL and engine
