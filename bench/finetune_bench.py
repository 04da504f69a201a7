"""Issue 17's fine-tuning benchmark: all-MiniLM-L6-v2 fine-tuned by Lepton beside PyTorch and scikit-learn.

Speed: Lepton (FinetuneBench speed, one JVM per mode) and PyTorch 1.13 from Debian (this file's BERT, one process per
mode) train the same BERT architecture with the same pretrained weights on the same token ids (Debian descriptions
filling 64 word pieces), batch 16, AdamW (decay 0.01, none on biases and LayerNorm), dropout 0.1, the same threads;
samples per second of the second epoch, and each process's peak resident memory.
Accuracy (texts read to 128 word pieces): Lepton's fine-tuned MiniLM (top 2 layers and head), its frozen probe, the same
architecture from scratch (init: random), and TF-IDF word 1-2-grams +
logistic regression (scikit-learn from Debian) on the same labelled rows (8, 32, 128 per section) and the same
held-out test rows (a stratified 30 % of datasets/debian-packages.csv).
"""
import csv
import json
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

from data_bench import JAVA_OPTIONS, ROOT

THREADS = 2
ROWS = 160
EPOCHS = 2
MODES = {"full": "full fine-tuning", "no_embeddings": "embeddings frozen", "lora": "LoRA r=8 on query and value",
         "top2": "top 2 layers + head"}
SIZES = (8, 32, 128)


def java(java_bin, *args):
    classpath = f"{ROOT}/bench/target/lepton-bench.jar:{ROOT}/bench/target/lib/*"
    options = [*JAVA_OPTIONS, f"-Dai.djl.pytorch.num_threads={THREADS}", "-Dai.djl.pytorch.num_interop_threads=1"]
    out = subprocess.run([java_bin, *options, "-cp", classpath, "ai.lepton.bench.FinetuneBench", *map(str, args)],
                         check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def safetensors(path):
    """The tensors of a .safetensors file (F32 only, as Lepton's catalog writes it) as torch tensors."""
    import numpy as np
    import torch
    data = pathlib.Path(path).read_bytes()
    length = int.from_bytes(data[:8], "little")
    header = json.loads(data[8:8 + length])
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        values = np.frombuffer(data, dtype=np.float32, count=(end - start) // 4, offset=8 + length + start)
        tensors[name] = torch.from_numpy(values.copy()).reshape(info["shape"])
    return tensors


def pytorch_bert(weights, classes, lora_rank=0):
    """BERT as Hugging Face's BertModel computes it (post-norm, exact GELU), mean pooling and a linear head."""
    import torch
    from torch import nn

    hidden = weights["embeddings.word_embeddings.weight"].shape[1]
    layers = 1 + max(int(name.split(".")[2]) for name in weights if name.startswith("encoder.layer."))
    heads = 12

    class Lora(nn.Module):
        def __init__(self, base):
            super().__init__()
            self.base = base
            self.a = nn.Parameter(torch.empty(lora_rank, base.in_features))
            nn.init.xavier_uniform_(self.a)
            self.b = nn.Parameter(torch.zeros(base.out_features, lora_rank))
            self.dropout = nn.Dropout(0.05)
            self.scale = 16.0 / lora_rank

        def forward(self, x):
            return self.base(x) + (self.dropout(x) @ self.a.T @ self.b.T) * self.scale

    class Layer(nn.Module):
        def __init__(self):
            super().__init__()
            self.query, self.key, self.value, self.out = (nn.Linear(hidden, hidden) for _ in range(4))
            self.attention_norm = nn.LayerNorm(hidden, eps=1e-12)
            self.intermediate = nn.Linear(hidden, 4 * hidden)
            self.output = nn.Linear(4 * hidden, hidden)
            self.output_norm = nn.LayerNorm(hidden, eps=1e-12)
            self.dropout = nn.Dropout(0.1)

        def forward(self, x, mask):
            b, t, _ = x.shape
            split = lambda y: y.view(b, t, heads, hidden // heads).transpose(1, 2)
            q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
            scores = q @ k.transpose(-1, -2) / (hidden // heads) ** 0.5 + mask
            attended = (self.dropout(scores.softmax(-1)) @ v).transpose(1, 2).reshape(b, t, hidden)
            x = self.attention_norm(x + self.dropout(self.out(attended)))
            return self.output_norm(x + self.dropout(self.output(nn.functional.gelu(self.intermediate(x)))))

    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.words = nn.Embedding(*weights["embeddings.word_embeddings.weight"].shape)
            self.positions = nn.Embedding(*weights["embeddings.position_embeddings.weight"].shape)
            self.types = nn.Embedding(*weights["embeddings.token_type_embeddings.weight"].shape)
            self.norm = nn.LayerNorm(hidden, eps=1e-12)
            self.dropout = nn.Dropout(0.1)
            self.layers = nn.ModuleList(Layer() for _ in range(layers))
            self.classifier = nn.Linear(hidden, classes)

        def forward(self, ids, mask):
            positions = torch.arange(ids.shape[1]).unsqueeze(0)
            x = self.dropout(self.norm(self.words(ids) + self.positions(positions) + self.types(torch.zeros_like(ids))))
            additive = (1.0 - mask[:, None, None, :].float()) * -10000.0
            for layer in self.layers:
                x = layer(x, additive)
            weights_ = mask.unsqueeze(-1).float()
            return self.classifier((x * weights_).sum(1) / weights_.sum(1).clamp(min=1e-9))

    model = Model()
    names = {"words.weight": "embeddings.word_embeddings.weight", "positions.weight": "embeddings.position_embeddings.weight",
             "types.weight": "embeddings.token_type_embeddings.weight", "norm.weight": "embeddings.LayerNorm.weight",
             "norm.bias": "embeddings.LayerNorm.bias"}
    ours = {"query": "attention.self.query", "key": "attention.self.key", "value": "attention.self.value",
            "out": "attention.output.dense", "attention_norm": "attention.output.LayerNorm",
            "intermediate": "intermediate.dense", "output": "output.dense", "output_norm": "output.LayerNorm"}
    for i in range(layers):
        for mine, theirs in ours.items():
            for kind in ("weight", "bias"):
                names[f"layers.{i}.{mine}.{kind}"] = f"encoder.layer.{i}.{theirs}.{kind}"
    state = model.state_dict()
    for mine, theirs in names.items():
        state[mine] = weights[theirs]
    model.load_state_dict(state)
    if lora_rank:
        for layer in model.layers:
            layer.query, layer.value = Lora(layer.query), Lora(layer.value)
    return model


def trainable(model, mode):
    for name, parameter in model.named_parameters():
        if mode == "full":
            parameter.requires_grad = True
        elif mode == "no_embeddings":
            parameter.requires_grad = not (name.startswith(("words", "positions", "types", "norm.")))
        elif mode == "lora":
            parameter.requires_grad = name.endswith((".a", ".b")) or name.startswith("classifier")
        else:  # top2
            parameter.requires_grad = name.startswith(("layers.4.", "layers.5.", "classifier"))


def pytorch_speed(mode, ids_file):
    """Samples per second of PyTorch's second epoch on the token ids Lepton trained on, in mode."""
    import torch
    torch.manual_seed(7)
    torch.set_num_threads(THREADS)
    torch.set_num_interop_threads(1)
    batch = json.loads(pathlib.Path(ids_file).read_text())
    ids = torch.tensor(batch["ids"], dtype=torch.long)
    labels = torch.tensor([int(label) for label in batch["labels"]], dtype=torch.long)
    weights = safetensors(pathlib.Path(batch["model"]) / "model.safetensors")
    model = pytorch_bert(weights, batch["classes"], lora_rank=8 if mode == "lora" else 0)
    trainable(model, mode)
    decayed = [p for n, p in model.named_parameters() if p.requires_grad and not (n.endswith("bias") or "norm" in n)]
    undecayed = [p for n, p in model.named_parameters() if p.requires_grad and (n.endswith("bias") or "norm" in n)]
    optimizer = torch.optim.AdamW([{"params": decayed, "weight_decay": 0.01}, {"params": undecayed, "weight_decay": 0.0}],
                                  lr=1e-4)
    loss_function = torch.nn.CrossEntropyLoss()
    model.train()
    mask = torch.ones_like(ids)
    rate = 0.0
    for _ in range(EPOCHS):
        order = torch.randperm(len(ids))
        started = time.perf_counter()
        for start in range(0, len(ids), 16):
            rows = order[start:start + 16]
            optimizer.zero_grad()
            loss = loss_function(model(ids[rows], mask[rows]), labels[rows])
            loss.backward()
            optimizer.step()
        rate = len(ids) / (time.perf_counter() - started)
    return rate


def tfidf_accuracy(split):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    rows = list(csv.DictReader((ROOT / "datasets" / "debian-packages.csv").open()))
    test = [rows[i] for i in split["test"]]
    results = {}
    for size in SIZES:
        train = [rows[i] for i in split[str(size)]]
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        model = LogisticRegression(max_iter=3000, C=10).fit(
            vectorizer.fit_transform([r["description"] for r in train]), [r["section"] for r in train])
        results[size] = model.score(vectorizer.transform([r["description"] for r in test]), [r["section"] for r in test])
    return results


def run(java_bin):
    rows = []
    with tempfile.TemporaryDirectory() as work:
        ids = pathlib.Path(work) / "ids.json"
        speeds = {}
        for mode, label in MODES.items():
            lepton = java(java_bin, "speed", mode, ROWS, EPOCHS, ids)
            peer = subprocess.run([sys.executable, __file__, "pytorch", mode, str(ids)], check=True, capture_output=True,
                                  text=True).stdout.strip().splitlines()[-1]
            python = json.loads(peer)
            speeds[mode] = (lepton, python)
            rows.append((f"{label} (MiniLM, T=64, batch 16, {THREADS} threads): samples/s, Lepton vs PyTorch 1.13",
                         f"{lepton['samples_per_second']:.1f} samples/s", f"{python['samples_per_second']:.1f} samples/s",
                         lepton["samples_per_second"] / python["samples_per_second"], "≥ 1.0×"))
        for mode in ("full", "lora"):
            lepton, python = speeds[mode]
            rows.append((f"{MODES[mode]}: trainable values, peak resident memory (Lepton / PyTorch)",
                         f"{lepton['trainable_values']:,}, {lepton['peak_rss_mib']} MiB", f"{python['peak_rss_mib']} MiB",
                         None, ""))
        split = pathlib.Path(work) / "split.json"
        accuracy = {recipe: java(java_bin, "accuracy", recipe, *SIZES, split)
                    for recipe in ("pretrained", "probe", "scratch")}
        tfidf = tfidf_accuracy(json.loads(split.read_text()))
        for size in SIZES:
            tuned, scratch = accuracy["pretrained"][f"{size}_accuracy"], accuracy["scratch"][f"{size}_accuracy"]
            rows.append((f"test accuracy, {size} labels per section: fine-tuned MiniLM (top 2 layers) vs TF-IDF + LR",
                         f"{tuned:.3f}", f"{tfidf[size]:.3f}", tuned / tfidf[size], "≥ 1.0×"))
            rows.append((f"test accuracy, {size} labels per section: fine-tuned vs the same architecture from scratch",
                         f"{tuned:.3f}", f"{scratch:.3f}", None, "+15 pp at 32" if size == 32 else ""))
            rows.append((f"test accuracy, {size} labels per section: frozen probe (linear head, texts encoded once) vs TF-IDF + LR",
                         f"{accuracy['probe'][f'{size}_accuracy']:.3f}", f"{tfidf[size]:.3f}",
                         accuracy["probe"][f"{size}_accuracy"] / tfidf[size], ""))
        lora = java(java_bin, "accuracy", "lora", 32, split)
        full = java(java_bin, "accuracy", "full", 32, split)
        rows.append(("test accuracy, 32 labels per section: LoRA r=8 vs full fine-tuning",
                     f"{lora['32_accuracy']:.3f} ({lora['32_seconds']:.0f} s)",
                     f"{full['32_accuracy']:.3f} ({full['32_seconds']:.0f} s)", None, ""))
    return rows


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "pytorch":
    speed = pytorch_speed(sys.argv[2], sys.argv[3])
    print(json.dumps({"samples_per_second": speed,
                      "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
