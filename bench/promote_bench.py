"""The runtime benchmarks. Issue 6's: artifact load, single-row latency and batch throughput in the runtime beside the
same model the notebook way (PromoteBench.java), then `./lepton serve`'s requests/s and p99 under wrk on 127.0.0.1.
Issue 18's: a fine-tuned MiniLM promoted at fp32, fp16 and int8 (TextPromoteBench.java), and serving text with /metrics
on and off."""
import json
import re
import socket
import subprocess
import time
import urllib.request

from jvm import DATASETS, ROOT, run_bench_class, runtime_command

ROW = {"island": "Biscoe", "bill_length_mm": 47.5, "bill_depth_mm": 14.2, "flipper_length_mm": 217,
       "body_mass_g": 4975, "sex": "female", "year": 2009}


def run(java_bin):
    r = run_bench_class(java_bin, "PromoteBench", DATASETS / "penguins.csv")
    serve = serve_under_wrk(java_bin, r["artifact"], ROW)
    rt, nb = r["runtime_single_us"], r["notebook_single_us"]
    return [
        ("promote a penguins MLP (64, 32): package, importance, fresh-JVM gate, register", f"{r['promote_seconds']:.1f} s", "", None, ""),
        (f"artifact load ({r['artifact_bytes'] / 1024:.0f} KiB, checksums verified), warm JVM, median of 10", f"{r['load_ms_median']:.1f} ms",
         "", None, "< 1 s"),
        ("single-row predict, p50 (runtime: a map of raw values; notebook: preparation on a 1-row table + the model)",
         f"{rt['p50']:.0f} µs", f"{nb['p50']:.0f} µs", rt["p50"] / nb["p50"], "< 1 ms"),
        ("single-row predict, p99", f"{rt['p99']:.0f} µs", f"{nb['p99']:.0f} µs", rt["p99"] / nb["p99"], ""),
        ("batch predict of 4,096 rows, rows/s", f"{r['runtime_batch_rows_per_s']:,.0f}", f"{r['notebook_batch_rows_per_s']:,.0f}",
         r["notebook_batch_rows_per_s"] / r["runtime_batch_rows_per_s"], ""),
        (f"`./lepton serve`, POST /predict one row, wrk {serve['threads']} threads × {serve['connections']} connections, {serve['seconds']} s: requests/s",
         f"{serve['rps']:,.0f}", "", None, "≥ 5,000"),
        ("same: latency p50 / p99", f"{serve['p50']} / {serve['p99']}", "", None, ""),
    ] + text_rows(java_bin)


TEXT = {"description": "Plays and tags music files, with an equalizer and playlists shared over the network"}


def text_rows(java_bin):
    """MiniLM fine-tuned on Debian descriptions, promoted at fp32, fp16 and int8 (TextPromoteBench.java), then served."""
    r = run_bench_class(java_bin, "TextPromoteBench", DATASETS / "debian-packages.csv")
    fp32, fp16, int8 = r["fp32"], r["fp16"], r["int8"]
    rows = []
    for name, m in (("fp32", fp32), ("fp16", fp16), ("int8", int8)):
        rows.append((f"MiniLM text classifier, {name}: single-text predict p50 / p99 (runtime; notebook way: preparation, tokenizer,"
                     " trained network)", f"{m['single_ms']['p50']:.1f} / {m['single_ms']['p99']:.1f} ms",
                     f"{r['notebook_single_ms']['p50']:.1f} / {r['notebook_single_ms']['p99']:.1f} ms",
                     m["single_ms"]["p50"] / r["notebook_single_ms"]["p50"], ""))
        rows.append((f"MiniLM {name}: batch predict of the {r['heldout_rows']} held-out texts, texts/s",
                     f"{m['batch_texts_per_s']:,.1f}", f"{r['notebook_batch_texts_per_s']:,.1f}",
                     r["notebook_batch_texts_per_s"] / m["batch_texts_per_s"], ""))
        rows.append((f"MiniLM {name}: artifact size, load (checksums verified, median of 3), promotion (gate included)",
                     f"{m['artifact_bytes'] / 2**20:.1f} MiB, {m['load_ms_median']:.0f} ms, {m['promote_seconds']:.0f} s",
                     "", None, ""))
    rows.append(("MiniLM artifact size: int8 and fp16 ÷ fp32", f"{int8['artifact_bytes'] / fp32['artifact_bytes']:.2f}",
                 f"{fp16['artifact_bytes'] / fp32['artifact_bytes']:.2f}", None, "int8 ≤ 0.35"))
    rows.append(("MiniLM held-out accuracy: int8 and fp16 vs fp32 (points lost)",
                 f"{int8['test_accuracy']:.4f} ({100 * (fp32['test_accuracy'] - int8['test_accuracy']):+.1f})",
                 f"{fp16['test_accuracy']:.4f} ({100 * (fp32['test_accuracy'] - fp16['test_accuracy']):+.1f}); fp32 {fp32['test_accuracy']:.4f}",
                 None, "int8 ≤ 1 pp"))
    on = serve_under_wrk(java_bin, int8["artifact"], TEXT, connections=4)
    off = serve_under_wrk(java_bin, int8["artifact"], TEXT, connections=4, metrics="off")
    rows.append(("`./lepton serve` MiniLM int8, POST /predict one text, wrk 2 threads × 4 connections, 10 s: requests/s,"
                 " /metrics on vs off", f"{on['rps']:,.1f} (p99 {on['p99']})", f"{off['rps']:,.1f} (p99 {off['p99']})",
                 off["rps"] / on["rps"], "≤ 1.05 (metrics cost ≤ 5 %)"))
    return rows


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_under_wrk(java_bin, artifact, body, threads=2, connections=32, seconds=10, metrics="on"):
    port = free_port()
    server = subprocess.Popen(runtime_command(java_bin, "serve", artifact, "--port", port, "--metrics", metrics))
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(url + "/health", timeout=2).read()
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)
        script = ROOT / "bench" / "target" / "predict.lua"
        script.write_text('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = '
                          + json.dumps(json.dumps(body)) + "\n")
        subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", "3s", "-s", str(script), url + "/predict"],
                       check=True, capture_output=True)  # warm-up
        out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency", "-s", str(script),
                              url + "/predict"], check=True, capture_output=True, text=True).stdout
        if "Non-2xx" in out:
            raise RuntimeError("serve answered errors under load:\n" + out)
        return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
                "p50": re.search(r"50%\s+(\S+)", out).group(1), "p99": re.search(r"99%\s+(\S+)", out).group(1),
                "threads": threads, "connections": connections, "seconds": seconds}
    finally:
        server.terminate()
        server.wait(timeout=30)
