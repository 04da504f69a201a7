"""Executes a notebook headless with Jupyter's own client (nbclient).

Writes NAME.out.ipynb and NAME.out.html beside NAME.ipynb. Exits 1 naming the failing cell and its
error when a cell fails; the executed copy is written either way, so the failure can be inspected.
"""
import argparse
import pathlib
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter


def failing_cell(nb):
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return index, cell, output
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("notebook", type=pathlib.Path)
    parser.add_argument("--kernel", default="lepton")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds one cell may run")
    args = parser.parse_args()

    source = args.notebook.resolve()
    stem = source.name[:-len(".ipynb")] if source.name.endswith(".ipynb") else source.name
    executed = source.with_name(stem + ".out.ipynb")
    html = source.with_name(stem + ".out.html")

    try:
        nb = nbformat.read(source, as_version=4)
    except Exception as error:  # nbformat raises several kinds for unreadable files
        sys.exit(f"lepton: {source} is not a readable notebook: {error}")

    os.environ["LEPTON_NOTEBOOK"] = str(source.resolve())  # the kernel inherits it: runs record their notebook
    client = NotebookClient(nb, kernel_name=args.kernel, timeout=args.timeout,
                            resources={"metadata": {"path": str(source.parent)}})
    problem = None
    try:
        client.execute()
    except CellExecutionError:
        problem = "error"
    except CellTimeoutError as error:
        problem = f"a cell ran longer than {args.timeout} s: {error}"
    except DeadKernelError as error:
        problem = f"the kernel died: {error}"
    finally:
        nbformat.write(nb, executed)
        body, _ = HTMLExporter().from_notebook_node(nb)
        html.write_text(body, encoding="utf-8")

    print(f"lepton: wrote {executed} and {html}", file=sys.stderr)
    if problem is None:
        return 0
    found = failing_cell(nb)
    if found:
        index, cell, output = found
        first_line = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
        print(f"lepton: cell {index + 1} failed ({first_line})", file=sys.stderr)
        print(f"{output.get('ename')}: {output.get('evalue')}", file=sys.stderr)
        for line in output.get("traceback", []):
            print(line, file=sys.stderr)
    else:
        print(f"lepton: {problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
