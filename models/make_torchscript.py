"""Makes models/digits-mlp-torchscript/backbone.pt: a small TorchScript backbone for the TorchScript fine-tuning test.

A seeded, untrained two-layer perceptron over the 64 pixels of a digits row (datasets/digits.csv), traced with Debian's
python3-torch and saved as TorchScript; Lepton loads it as a trainable backbone and puts its own head on it. Run it with
Debian's Python: /usr/bin/python3 models/make_torchscript.py
"""
import pathlib

import torch

HERE = pathlib.Path(__file__).resolve().parent


def main():
    torch.manual_seed(17)
    backbone = torch.nn.Sequential(torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 16), torch.nn.ReLU())
    traced = torch.jit.trace(backbone.eval(), torch.zeros(2, 64))
    target = HERE / "digits-mlp-torchscript" / "backbone.pt"
    target.parent.mkdir(exist_ok=True)
    traced.save(str(target))
    print(target, target.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
