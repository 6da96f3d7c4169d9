/**
 * cgdata.py of the torch export: cg's seeded random numbers (mulberry32, its sub-seeds,
 * Box–Muller, Fisher–Yates), the builtin data generators, the CSV reader, the row split and
 * the safetensors format, re-implemented so the exported train.py sees the rows, the
 * validation split and the batches `cg train` sees. Kept in step with src/util/random.ts,
 * src/nn/rng.ts and src/nn/data.ts: the parity tests (tests/nn/export/torch.test.ts) fail
 * when they drift apart.
 */
export const CGDATA_PY = String.raw`"""cg's data side, in Python: seeded numbers, generators, CSV, split, safetensors.

Written by cg export; mirrors cg's own code so the same spec and seed give the same rows.
"""
import csv
import json
import math
import struct

import numpy as np

M32 = 0xFFFFFFFF


def imul(a, b):
    return (a * b) & M32


class Rng:
    """mulberry32: uniform in [0, 1). Its state is a counter, so blocks are drawn vectorised."""

    def __init__(self, seed):
        self.seed = seed & M32
        self.i = 0  # values drawn so far
        self.spare = None  # Box-Muller's second value

    def block(self, n):
        k = np.arange(self.i + 1, self.i + 1 + n, dtype=np.uint64)
        s = (np.uint64(self.seed) + k * np.uint64(0x6D2B79F5)) & np.uint64(M32)
        t = ((s ^ (s >> np.uint64(15))) * (s | np.uint64(1))) & np.uint64(M32)
        t = t ^ ((t + (((t ^ (t >> np.uint64(7))) * (t | np.uint64(61))) & np.uint64(M32))) & np.uint64(M32))
        self.i += n
        return ((t ^ (t >> np.uint64(14))) & np.uint64(M32)).astype(np.float64) / 4294967296.0

    def __call__(self):
        return float(self.block(1)[0])

    def gauss(self):
        if self.spare is not None:
            v, self.spare = self.spare, None
            return v
        u, a = self.block(2)
        r = math.sqrt(-2 * math.log(1 - u))
        a = 2 * math.pi * a
        self.spare = r * math.sin(a)
        return r * math.cos(a)

    def gauss_block(self, n):
        out = np.empty(n)
        k = 0
        if n and self.spare is not None:
            out[0], self.spare, k = self.spare, None, 1
        pairs = (n - k + 1) // 2
        uv = self.block(2 * pairs)
        r = np.sqrt(-2 * np.log(1 - uv[0::2]))
        a = 2 * math.pi * uv[1::2]
        both = np.empty(2 * pairs)
        both[0::2] = r * np.cos(a)
        both[1::2] = r * np.sin(a)
        out[k:] = both[: n - k]
        if (n - k) % 2:
            self.spare = float(both[-1])
        return out


def sub_seed(seed, *parts):
    h = (seed ^ 0x9E3779B9) & M32
    for p in parts:
        h = imul(h ^ (p & M32), 0x85EBCA6B)
        h ^= h >> 13
        h = imul(h, 0xC2B2AE35)
        h ^= h >> 16
    return h


def shuffle(idx, rand):
    """Fisher-Yates in place, drawing as cg does."""
    n = len(idx)
    u = rand.block(max(0, n - 1))
    for k, i in enumerate(range(n - 1, 0, -1)):
        j = int(math.floor(u[k] * (i + 1)))
        idx[i], idx[j] = idx[j], idx[i]


DEFAULT_SAMPLES = {"xor": 4, "circles": 400, "spiral": 600, "sine": 400, "sort": 2000, "random": 1024}


def generate(name, o):
    """A builtin data set: (x [n, d] float64, labels int array or None, y [n, t] or None)."""
    n = o.get("samples") or DEFAULT_SAMPLES[name]
    rand = Rng(sub_seed(o.get("seed") or 0, 0x6A7A))
    if name == "xor":
        noise = o.get("noise") or 0
        x = np.zeros((n, 2))
        labels = np.zeros(n, dtype=np.int64)
        for i in range(n):
            a, b = i & 1, (i >> 1) & 1
            x[i, 0] = a + noise * rand.gauss()
            x[i, 1] = b + noise * rand.gauss()
            labels[i] = a ^ b
        return x, labels, None
    if name == "circles":
        noise = o["noise"] if o.get("noise") is not None else 0.05
        factor = o.get("factor") or 0.5
        x = np.zeros((n, 2))
        labels = np.zeros(n, dtype=np.int64)
        for i in range(n):
            inner = i % 2
            t = 2 * math.pi * rand()
            r = factor if inner else 1
            x[i, 0] = r * math.cos(t) + noise * rand.gauss()
            x[i, 1] = r * math.sin(t) + noise * rand.gauss()
            labels[i] = inner
        return x, labels, None
    if name == "spiral":
        classes = o.get("classes") or 3
        noise = o["noise"] if o.get("noise") is not None else 0.2
        x = np.zeros((n, 2))
        labels = np.zeros(n, dtype=np.int64)
        row = 0
        for c in range(classes):
            m = n // classes + (1 if c < n % classes else 0)
            for i in range(m):
                r = 1 if m == 1 else i / (m - 1)
                t = 4 * c + (4 * i) / max(1, m - 1) + noise * rand.gauss()
                x[row, 0] = r * math.sin(t)
                x[row, 1] = r * math.cos(t)
                labels[row] = c
                row += 1
        return x, labels, None
    if name == "sine":
        noise = o.get("noise") or 0
        x = np.zeros((n, 1))
        y = np.zeros((n, 1))
        for i in range(n):
            x[i, 0] = math.pi * (2 * rand() - 1)
            y[i, 0] = math.sin(x[i, 0]) + noise * rand.gauss()
        return x, None, y
    if name == "sort":
        k = o.get("k") or 4
        x = rand.block(n * k).reshape(n, k)
        return x, None, np.sort(x, axis=1)
    if name == "random":
        d = o.get("features") or 784
        classes = o.get("classes") or 10
        x = rand.gauss_block(n * d).reshape(n, d)
        labels = np.floor(rand.block(n) * classes).astype(np.int64)
        return x, labels, None
    raise ValueError("unknown generator " + name)


def read_csv(path, inputs, targets, classes):
    """Input columns as float64, and class indices (classification) or target values."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [[c.strip() for c in r] for r in csv.reader(f)]
    rows = [r for r in rows if len(r) > 1 or (r and r[0] != "")]
    header, body = rows[0], rows[1:]
    x = np.array([[float(r[header.index(c)]) for c in inputs] for r in body])
    if classes is not None:
        col = header.index(targets[0])
        return x, np.array([classes.index(r[col]) for r in body], dtype=np.int64), None
    return x, None, np.array([[float(r[header.index(c)]) for c in targets] for r in body])


def split_rows(n, fraction, seed):
    """cg's split: a seeded shuffle, the last fraction held out; each part sorted."""
    idx = list(range(n))
    if fraction <= 0:
        return idx, []
    shuffle(idx, Rng(sub_seed(seed, 0x5B1)))
    nv = int(math.floor(n * fraction + 0.5))
    nv = min(n - 1, max(1, nv))
    return sorted(idx[: n - nv]), sorted(idx[n - nv :])


def epoch_order(n, seed, epoch, do_shuffle):
    order = list(range(n))
    if do_shuffle:
        shuffle(order, Rng(sub_seed(seed, 0x5EED, epoch)))
    return order


# safetensors: 8-byte little-endian header length, JSON header, then the tensors' bytes.
# Written by hand: torch 1.13 has no safetensors support, and the format is this simple.
_DT = {"F32": "<f4", "F64": "<f8"}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", {})
    out = {}
    for name, e in header.items():
        a, b = e["data_offsets"]
        buf = data[8 + n + a : 8 + n + b]
        out[name] = np.frombuffer(buf, dtype=_DT[e["dtype"]]).reshape(e["shape"]).copy()
    return out, meta


def encode_safetensors(tensors, metadata):
    """tensors: list of (name, numpy array) in file order."""
    header = {"__metadata__": metadata} if metadata else {}
    blobs = []
    offset = 0
    for name, arr in tensors:
        dt = "F32" if arr.dtype == np.float32 else "F64"
        b = np.ascontiguousarray(arr, dtype=_DT[dt]).tobytes()
        header[name] = {"dtype": dt, "shape": list(arr.shape), "data_offsets": [offset, offset + len(b)]}
        offset += len(b)
        blobs.append(b)
    js = json.dumps(header, separators=(",", ":"))
    js += " " * ((8 - (8 + len(js.encode("utf-8"))) % 8) % 8)
    head = js.encode("utf-8")
    return struct.pack("<Q", len(head)) + head + b"".join(blobs)
`;
