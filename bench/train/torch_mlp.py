# PyTorch's side of bench/train.mjs: the same two MLPs, the same data sizes, the same loop
# (shuffle, gather a batch, forward, backward, step). Prints one JSON line.
# Usage: torch_mlp.py large|small SECONDS [SAMPLES] [sgd|adam]; torch.set_num_threads from
# CG_TORCH_THREADS (default 1). bench/train.mjs runs it with 1 and 2 threads (and Adam
# with and without foreach) and keeps the best (PyTorch's best configuration here),
# OPENBLAS_CORETYPE unset.
import json, os, resource, sys, time

import torch
from torch import nn

torch.set_num_threads(int(os.environ.get("CG_TORCH_THREADS", "1")))
torch.manual_seed(0)
case, seconds = sys.argv[1], float(sys.argv[2])
n_arg = int(sys.argv[3]) if len(sys.argv) > 3 else 4096
opt_name = sys.argv[4] if len(sys.argv) > 4 else "sgd"
# CG_TORCH_FOREACH=1: Adam's multi-tensor implementation (foreach=True; PyTorch 1.13's
# default on CPU is the per-tensor loop), one of the configurations bench/train.mjs tries.
foreach = os.environ.get("CG_TORCH_FOREACH") == "1"
make_opt = (lambda ps: torch.optim.Adam(ps, lr=0.001, foreach=foreach)) if opt_name == "adam" else (lambda ps: torch.optim.SGD(ps, lr=0.01))

if case == "large":
    n, batch = n_arg, 128
    x = torch.randn(n, 784)
    y = torch.randint(0, 10, (n,))
    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))
    loss_fn = nn.CrossEntropyLoss()
    opt = make_opt(model.parameters())
else:
    n, batch = n_arg, 32
    x = torch.rand(n, 2) * 2 - 1
    y = (torch.sin(3 * x[:, :1]) * torch.cos(2 * x[:, 1:]))
    model = nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 1))
    loss_fn = nn.MSELoss()
    opt = make_opt(model.parameters())


def epoch():
    perm = torch.randperm(n)
    steps = 0
    t0 = time.perf_counter()
    for i in range(0, n, batch):
        idx = perm[i : i + batch]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        opt.step()
        steps += 1
    return steps, time.perf_counter() - t0


epoch()  # warm-up
rates = []
start = time.perf_counter()
while time.perf_counter() - start < seconds or len(rates) < 3:
    steps, dt = epoch()
    rates.append((steps / dt, n / dt))
rates.sort()
mid = rates[len(rates) // 2]
best = rates[-1]
print(json.dumps({
    "case": case, "optimizer": opt_name, "steps_per_s": mid[0], "samples_per_s": mid[1], "epochs": len(rates),
    "best_steps_per_s": best[0], "best_samples_per_s": best[1],
    "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "torch": torch.__version__, "threads": torch.get_num_threads(),
    "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS"), "coretype": os.environ.get("OPENBLAS_CORETYPE"),
}))
