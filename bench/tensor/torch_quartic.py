"""The 300x300 quartic sum((A@B) * (A@B)) and its reverse gradient in PyTorch (float64, warm):
the peer of bench/tensor/worker.mjs. python3 torch_quartic.py [threads] [n] [reps] [warm].
Prints one JSON line of median and best milliseconds per gradient over REPS timed runs after
WARM untimed ones."""
import json
import sys
import time

import torch

threads, n, reps, warm = [int(a) for a in sys.argv[1:5]] + [1, 300, 50, 20][len(sys.argv) - 1:]
torch.set_num_threads(threads)
g = torch.Generator().manual_seed(7)
A = (torch.rand(n, n, generator=g, dtype=torch.float64) * 2 - 1).requires_grad_()
B = (torch.rand(n, n, generator=g, dtype=torch.float64) * 2 - 1).requires_grad_()


def step():
    A.grad = None
    B.grad = None
    C = A @ B
    f = (C * C).sum()
    f.backward()
    return f


for _ in range(warm):
    step()
ts = []
for _ in range(reps):
    t0 = time.perf_counter()
    step()
    ts.append((time.perf_counter() - t0) * 1e3)
ts.sort()
print(json.dumps({"median_ms": ts[len(ts) // 2], "best_ms": ts[0], "torch": torch.__version__, "threads": torch.get_num_threads()}))
