"""The PyTorch peers of Lepton's training benchmarks, on any device: the MLP of train_bench.py and the BERT of
finetune_bench.py. Only torch is imported (no numpy, no pandas): the GPU kit carries this file to machines that have
nothing but a PyTorch for Python.

Each rate is samples per second of the training steps; on a GPU the clock stops after the device has finished
(torch.cuda.synchronize), as the JVM's does when it reads each batch's loss.
"""
import json
import pathlib
import time

import torch
from torch import nn

MLP_BATCH = 256
TEXT_BATCH = 16


def _settle(device):
    if torch.device(device).type == "cuda":
        torch.cuda.synchronize(device)


def _threads(threads):
    if threads:
        torch.set_num_threads(threads)
        torch.set_num_interop_threads(1)


def mlp_rate(rows, epochs, device="cpu", threads=None):
    """The MLP 32-128-64-2 (Adam 1e-3, batch 256) on two Gaussian blobs, after one warm-up epoch."""
    torch.manual_seed(1)
    _threads(threads)
    generator = torch.Generator().manual_seed(1)
    labels = torch.randint(0, 2, (rows,), generator=generator)
    features = torch.randn(rows, 32, generator=generator)
    features[:, :8] += 0.8 * labels[:, None]
    x, y = features.to(device), labels.to(device)
    model = nn.Sequential(nn.Linear(32, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 2)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_function = nn.CrossEntropyLoss()

    def epoch():
        order = torch.randperm(rows, device=device)
        for start in range(0, rows, MLP_BATCH):
            batch = order[start:start + MLP_BATCH]
            optimizer.zero_grad()
            loss = loss_function(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()

    epoch()  # warm-up
    _settle(device)
    started = time.perf_counter()
    for _ in range(epochs):
        epoch()
    _settle(device)
    return rows * epochs / (time.perf_counter() - started)


def safetensors(path):
    """The tensors of a .safetensors file (F32 only, as Lepton writes them), read with torch alone."""
    data = bytearray(pathlib.Path(path).read_bytes())
    length = int.from_bytes(data[:8], "little")
    header = json.loads(bytes(data[8:8 + length]))
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        values = torch.frombuffer(data, dtype=torch.float32, count=(end - start) // 4, offset=8 + length + start)
        tensors[name] = values.clone().reshape(info["shape"])
    return tensors


def bert(weights, classes, lora_rank=0):
    """BERT as Hugging Face's BertModel computes it (post-norm, exact GELU), mean pooling and a linear head."""
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
            positions = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
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
    """What a fine-tuning mode trains: full, no_embeddings, lora or top2 (as Lepton's FinetuneBench modes)."""
    for name, parameter in model.named_parameters():
        if mode == "full":
            parameter.requires_grad = True
        elif mode == "no_embeddings":
            parameter.requires_grad = not (name.startswith(("words", "positions", "types", "norm.")))
        elif mode == "lora":
            parameter.requires_grad = name.endswith((".a", ".b")) or name.startswith("classifier")
        else:  # top2
            parameter.requires_grad = name.startswith(("layers.4.", "layers.5.", "classifier"))


def bert_rate(mode, ids_file, epochs, device="cpu", threads=None):
    """Samples per second of the last epoch on the token ids, labels and weights Lepton's run wrote to ids_file."""
    torch.manual_seed(7)
    _threads(threads)
    batch = json.loads(pathlib.Path(ids_file).read_text())
    ids = torch.tensor(batch["ids"], dtype=torch.long, device=device)
    labels = torch.tensor([int(label) for label in batch["labels"]], dtype=torch.long, device=device)
    weights = safetensors(pathlib.Path(batch["model"]) / "model.safetensors")
    model = bert(weights, batch["classes"], lora_rank=8 if mode == "lora" else 0).to(device)
    trainable(model, mode)
    decayed = [p for n, p in model.named_parameters() if p.requires_grad and not (n.endswith("bias") or "norm" in n)]
    undecayed = [p for n, p in model.named_parameters() if p.requires_grad and (n.endswith("bias") or "norm" in n)]
    optimizer = torch.optim.AdamW([{"params": decayed, "weight_decay": 0.01}, {"params": undecayed, "weight_decay": 0.0}],
                                  lr=1e-4)
    loss_function = nn.CrossEntropyLoss()
    model.train()
    mask = torch.ones_like(ids)
    rate = 0.0
    for _ in range(epochs):
        order = torch.randperm(len(ids), device=device)
        _settle(device)
        started = time.perf_counter()
        for start in range(0, len(ids), TEXT_BATCH):
            rows = order[start:start + TEXT_BATCH]
            optimizer.zero_grad()
            loss = loss_function(model(ids[rows], mask[rows]), labels[rows])
            loss.backward()
            optimizer.step()
        _settle(device)
        rate = len(ids) / (time.perf_counter() - started)
    return rate
