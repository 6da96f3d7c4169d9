"""A function served through cg's adapter that times itself: own time in value() and gradient(),
and the session (hello sent to stdin's end), written as JSON to $CG_BENCH_OUT at exit.

    python3 server.py cheap   f = Σ x·sin x                 (elementwise: microseconds)
    python3 server.py layer   f = Σ tanh(W x), W 32×n       (a dense layer)
"""
import atexit
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "adapters"))
import numpy as np  # noqa: E402
import cg_adapter  # noqa: E402

kind = sys.argv[1]
own = [0.0, 0]
start = [None]
W = {}


def timed(fn):
    def run(p):
        if start[0] is None:
            start[0] = time.perf_counter()
        t0 = time.perf_counter()
        r = fn(p)
        own[0] += time.perf_counter() - t0
        own[1] += 1
        return r
    return run


def weights(n):
    if n not in W:
        W[n] = np.random.default_rng(1).standard_normal((32, n)) / np.sqrt(n)
    return W[n]


def value(p):
    x = p["x"]
    if kind == "cheap":
        return float(np.dot(x, np.sin(x)))
    return float(np.tanh(weights(x.size) @ x).sum())


def gradient(p):
    x = p["x"]
    if kind == "cheap":
        return {"x": np.sin(x) + x * np.cos(x)}
    Wn = weights(x.size)
    return {"x": Wn.T @ (1 - np.tanh(Wn @ x) ** 2)}


@atexit.register
def report():
    with open(os.environ["CG_BENCH_OUT"], "w") as f:
        json.dump({"own_s": own[0], "calls": own[1], "session_s": time.perf_counter() - start[0]}, f)


cg_adapter.serve(timed(value), timed(gradient))
