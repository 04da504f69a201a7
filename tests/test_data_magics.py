"""%lepton data load|save|profile|prepare and %%sql on the real kernel, the same objects from Java, and their bad input."""
import time

from conftest import ROOT

PENGUINS = ROOT / "datasets" / "penguins.csv"


def test_load_shows_the_table_and_names_it_for_code(kernel):
    cell = kernel.ok(f"%lepton data load {PENGUINS} --target sex")
    assert "344 rows × 8 columns" in cell.result["text/html"]
    assert kernel.ok('Lepton.dataset("penguins").rowCount()'.replace("Lepton", "ai.lepton.Lepton")).result["text/plain"] == "344"


def test_profile_shows_columns_and_the_target_balance(kernel):
    kernel.ok(f"%lepton data load {PENGUINS} --target sex")
    html = kernel.ok("%lepton data profile penguins").result["text/html"]
    assert "bill_length_mm" in html and "Biscoe (168)" in html
    assert html.count('<img alt="histogram of') == 5, "one histogram per numeric column"
    assert "female" in html and "(missing)" in html, "the target's balance"


def test_prepare_fits_and_is_reachable_from_code(kernel):
    kernel.ok(f"%lepton data load {PENGUINS} --target sex")
    cell = kernel.ok("%lepton data prepare penguins --stratify --split 0.6,0.2,0.2 --seed 7")
    assert "classification of 'sex' into female, male" in cell.stdout
    assert "11 of 344 rows have no value in the target" in cell.stderr
    assert "train" in cell.result["text/html"]
    rows = kernel.ok('var p = ai.lepton.Lepton.prepared("penguins");\np.train().rows() + p.validation().rows() + p.test().rows()')
    assert rows.result["text/plain"] == "333"


def test_code_can_name_a_table_for_magics(kernel):
    kernel.ok('ai.lepton.Lepton.dataset("tiny", tech.tablesaw.api.Table.create("tiny", tech.tablesaw.api.IntColumn.create("a", 1, 2, 3)));')
    assert "a" in kernel.ok("%lepton data profile tiny").result["text/html"]


def test_help_for_each_data_subcommand(kernel):
    assert "--stratify" in kernel.ok("%lepton data prepare --help").result["text/plain"]
    assert "--sep" in kernel.ok("%lepton data load --help").result["text/plain"]


def test_bad_data_magics_say_what_and_how(kernel):
    cases = {
        "%lepton data load": "needs a file",
        f"%lepton data load {ROOT}/datasets/absent.csv": "No file",
        f"%lepton data load {PENGUINS} --nam x": "unknown option --nam. Did you mean --na or --name?",
        f"%lepton data load {PENGUINS} --sep": "--sep needs a value",
        f"%lepton data load {PENGUINS} --sep ;;": "--sep takes one character",
        f"%lepton data load {PENGUINS} --target sexx": "--target sexx is not a column",
        "%lepton data lod x": "Did you mean %lepton data load?",
        "%lepton data profile nothing-here": "No dataset named 'nothing-here'",
        "%lepton data prepare penguins --target sex --impute median-ish": "is not one of median, mean, mode, constant, drop",
        "%lepton data prepare penguins --target sex --split 0.5,0.5": "three fractions",
        "%lepton data prepare penguins --target sex --split 0.7,0.2,0.2": "must sum to 1",
        "%lepton data prepare penguins --target sex --seed x": "takes a whole number",
        "%lepton data prepare penguins --target Sex": "Did you mean sex?",
    }
    kernel.ok(f"%lepton data load {PENGUINS}")
    kernel.assert_clear_errors(cases)


def test_a_data_error_in_code_shows_the_cell_line_not_library_frames(kernel):
    cell = kernel.run('int x = 1;\nai.lepton.Lepton.csv("no/such/file.csv");')
    assert "ai.lepton.data.DataException: No file no/such/file.csv" in cell.error_text
    assert "at line 2 of In [" in cell.error_text
    assert "DataLoader" not in cell.error_text


def test_load_reads_json_lines(kernel, tmp_path):
    records = tmp_path / "events.jsonl"
    records.write_text('{"user": "a", "clicks": 3}\n{"user": "b"}\n{"user": "c", "clicks": 5}\n')
    html = kernel.ok(f"%lepton data load {records}").result["text/html"]
    assert "3 rows × 2 columns" in html
    assert kernel.ok('ai.lepton.Lepton.dataset("events").column("clicks").countMissing()').result["text/plain"] == "1"


def test_prepare_with_constant_fill_dedupe_and_clip(kernel):
    kernel.ok(f"%lepton data load {PENGUINS}")
    kernel.ok("%lepton data prepare penguins --target species --impute constant --fill 0 --dedupe --clip")
    fill = kernel.ok('ai.lepton.Lepton.prepared("penguins").preparation().categorical().get("sex").fill()')
    assert fill.result["text/plain"] == "(missing)"


def test_column_types_task_and_folds_from_magics(kernel, tmp_path):
    shops = tmp_path / "shops.csv"
    rows = [f"{i:05d},2024-{1 + i % 12:02d}-{1 + i % 28:02d},{i % 5 + 1}" for i in range(40)]
    shops.write_text("zip,opened,rating\n" + "\n".join(rows) + "\n")
    kernel.ok(f"%lepton data load {shops} --types zip=text,rating=integer")
    assert kernel.ok('ai.lepton.Lepton.dataset("shops").stringColumn("zip").get(1)').result["text/plain"] == "00001"
    cell = kernel.ok("%lepton data prepare shops --target rating --drop zip --task regression")
    assert "regression of 'rating'" in cell.stdout
    names = kernel.ok('ai.lepton.Lepton.prepared("shops").preparation().featureNames()').result["text/plain"]
    assert "opened.month" in names and "opened.weekday" in names
    folds = kernel.ok("%lepton data prepare shops --target rating --drop zip --folds 4")
    assert "shops.fold4" in folds.result["text/html"]
    assert kernel.ok('ai.lepton.Lepton.prepared("shops.fold2").validation().rows()').result["text/plain"] == "10"
    bad = kernel.run(f"%lepton data load {shops} --types zip=txt")
    assert bad.status == "error"
    assert "Unknown column type 'txt'. Did you mean text? Use one of: text, number" in bad.error_text


def test_save_writes_parquet_that_load_reads_back_and_sql_queries_it(kernel, tmp_path):
    kernel.ok(f"%lepton data load {PENGUINS}")
    saved = kernel.ok(f"%lepton data save penguins {tmp_path}/penguins.parquet")
    assert "Saved penguins (344 rows)" in saved.result["text/plain"], saved.result
    loaded = kernel.ok(f"%lepton data load {tmp_path}/penguins.parquet --name again")
    assert "344 rows × 8 columns" in loaded.result["text/html"]
    cell = kernel.ok("%%sql --name by_island\n"
                     "SELECT island, count(*) AS n, round(avg(body_mass_g)) AS mass\n"
                     "FROM again GROUP BY island ORDER BY n DESC")
    assert "Kept as dataset by_island (3 rows, 3 columns)" in cell.stdout
    assert "Biscoe" in cell.result["text/html"] and "168" in cell.result["text/html"]
    files = kernel.ok(f"%%sql\nSELECT count(*) AS n FROM read_parquet('{tmp_path}/penguins.parquet') WHERE sex = 'male'")
    assert "168" in files.result["text/html"]
    assert kernel.ok('ai.lepton.Lepton.sql("SELECT max(n) AS m FROM by_island").intColumn("m").get(0)') \
        .result["text/plain"] == "168"
    csv = kernel.ok(f"%lepton data save by_island {tmp_path}/islands.csv")
    assert "Saved by_island" in csv.result["text/plain"]
    assert (tmp_path / "islands.csv").read_text().splitlines()[0] == "island,n,mass"


def test_bad_sql_and_save_say_what_and_how(kernel, tmp_path):
    kernel.ok(f"%lepton data load {PENGUINS}")
    (tmp_path / "broken.parquet").write_bytes(b"PAR1" + b"\0" * 100)
    cases = {
        "%%sql\nSELECT *\nFORM penguins": "LINE 2",
        "%%sql\nSELECT * FROM pengiuns": "Did you mean penguins?",
        "%%sql\nSELECT [1, 2] AS tags": "Column 'tags' is INTEGER[]",
        "%%sql\n": "needs a query",
        "%%sql --nam x\nSELECT 1": "unknown option --nam",
        f"%lepton data save penguins {tmp_path}/no/such/folder/p.parquet": "there is no folder",
        f"%lepton data save penguins {tmp_path}/p.xlsx": ".parquet, .csv or .tsv",
        "%lepton data save penguins": "a file to write",
        f"%lepton data load {tmp_path}/broken.parquet": "is a truncated Parquet file",
    }
    kernel.assert_clear_errors(cases)
    assert "^" in kernel.run("%%sql\nSELECT *\nFORM penguins").error_text, "a caret under the place"
    assert "--name" in kernel.ok("%%sql --help").result["text/plain"]


def test_an_interrupt_stops_a_long_sql_query_and_the_session_keeps_its_datasets(kernel):
    kernel.ok(f"%lepton data load {PENGUINS}")
    msg_id = kernel.send("%%sql\nSELECT sum(hash(i)) AS s FROM range(1000000000000) t(i)")  # ~20 minutes of work
    kernel.wait_for(msg_id, lambda m: m["msg_type"] == "status" and m["content"]["execution_state"] == "busy")
    time.sleep(2)
    kernel.manager.interrupt_kernel()
    cell = kernel.collect(msg_id, timeout=60)
    assert cell.status == "error" and "the cell was stopped" in cell.error_text, cell.error_text
    assert "ended the JVM" not in cell.error_text, "stopped within the grace period, not by ending the session JVM"
    rows = kernel.ok('ai.lepton.Lepton.dataset("penguins").rowCount()').result["text/plain"]
    assert rows == "344", "the same session JVM, with its datasets: the query stopped within the kernel's grace"
