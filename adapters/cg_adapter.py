"""Serve a function and its gradient to `cg check` (cg's protocol, version 1).

Written out by `cg check --print-adapter python`: keep it beside your tests. Standard
library only; numpy and torch are used when present. A server is three lines:

    from cg_adapter import serve
    serve(value, gradient)      # value(inputs) -> float (or nested list / array);
                                # gradient(inputs) -> {name: same shape as that input}

    from cg_adapter import serve_torch
    serve_torch(fn)             # fn(inputs: {name: tensor}) -> tensor; the gradient comes
                                # from torch autograd, i.e. through your custom backward

and the case file says

    cases:
      - name: my loss
        exec: [python3, grad_server.py]
        at: {x: [0.5, -1.0, 2.0]}

`inputs` is a dict of input name -> float (a scalar input) or, for a vector or matrix,
a numpy array when numpy is installed, else nested lists. Run `cg check --allow-exec`.

The protocol (JSON lines; fixtures/checks/protocol.schema.json in cg): cg writes
{"cg": 1, "at": {...}}; the program answers with its hello line {"cg": 1, "inputs":
{name: {"shape": [...]}}, "output": {"shape": [...]}, "dtype": "float64", "ops": [...]},
then answers each request {"id": n, "op": "values" | "gradient" | "vjp" | "jvp", ...}
with one line {"id": n, ...} (or {"id": n, "error": "..."}), until its stdin ends.
Anything your function prints goes to stderr, so it cannot break the protocol.
"""
import json
import sys

PROTOCOL = 1

try:
    import numpy as _np
except ImportError:  # the standard library is enough
    _np = None


def _is_seq(v):
    return isinstance(v, (list, tuple)) or (_np is not None and isinstance(v, _np.ndarray) and v.ndim > 0)


def _plain(v):
    """A number, nested list, numpy array or torch tensor to floats and nested lists."""
    if hasattr(v, "detach"):  # a torch tensor
        v = v.detach().cpu().double().numpy()
    if _np is not None and isinstance(v, _np.ndarray):
        return v.astype(float).tolist() if v.ndim else float(v)
    if _np is not None and isinstance(v, _np.generic):
        return float(v)
    if isinstance(v, (list, tuple)):
        return _np.asarray(v, dtype=float).tolist() if _np is not None else [_plain(x) for x in v]
    return float(v)


def _shape(v):
    v = _plain(v)
    s = []
    while isinstance(v, list):
        s.append(len(v))
        v = v[0] if v else None
    return s


def _flat(v, out):
    if isinstance(v, list):
        for x in v:
            _flat(x, out)
    else:
        out.append(float(v))
    return out


def _nest(flat, shape, off=0):
    if not shape:
        return flat[off]
    stride = 1
    for d in shape[1:]:
        stride *= d
    return [_nest(flat, shape[1:], off + i * stride) for i in range(shape[0])]


class _Point:
    """The check's point, flat, and the points along lines through it."""

    def __init__(self, at):
        self.names = list(at)
        self.shapes = {k: _shape(v) for k, v in at.items()}
        self.sizes = {}
        for k, s in self.shapes.items():
            n = 1
            for d in s:
                n *= d
            self.sizes[k] = n
        self.flat = self.to_flat(at)

    def to_flat(self, named):
        if _np is not None:
            return _np.concatenate([_np.asarray(named[k], dtype=float).ravel() for k in self.names])
        out = []
        for k in self.names:
            _flat(_plain(named[k]), out)
        return out

    def named(self, flat, arrays):
        out, off = {}, 0
        for k in self.names:
            s, n = self.shapes[k], self.sizes[k]
            if not s:
                out[k] = float(flat[off])
            elif arrays:
                out[k] = _np.asarray(flat[off:off + n], dtype=float).reshape(s)
            else:
                out[k] = _nest([float(x) for x in flat[off:off + n]], s)
            off += n
        return out

    def along(self, d, t):
        """The point at t along d (flat, from to_flat)."""
        if _np is not None:
            return self.flat + t * d
        return [x + t * y for x, y in zip(self.flat, d)]


def _loop(value_at, grad_at, vjp_at, jvp_at, dtype, arrays):
    out = sys.stdout
    sys.stdout = sys.stderr  # the function's prints must not reach the protocol

    def send(msg):
        out.write(json.dumps(msg) + "\n")
        out.flush()

    line = sys.stdin.readline()
    if not line:
        return
    hello = json.loads(line)
    if hello.get("cg") != PROTOCOL:
        send({"error": "cg_adapter speaks protocol %d, cg sent %r" % (PROTOCOL, hello.get("cg"))})
        return
    point = _Point(hello["at"])
    here = point.named(point.flat, arrays)
    v0 = value_at(here)
    ops = ["values"] + (["gradient"] if grad_at else []) + (["vjp"] if vjp_at else []) + (["jvp"] if jvp_at else [])
    send({
        "cg": PROTOCOL,
        "inputs": {k: {"shape": point.shapes[k]} for k in point.names},
        "output": {"shape": _shape(v0)},
        "dtype": dtype,
        "ops": ops,
    })
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        rid = req.get("id")
        try:
            op = req.get("op")
            base = point if "at" not in req else _Point(req["at"])
            x = base.named(base.flat, arrays)
            if op == "values":
                vals = []
                for ln in req["lines"]:
                    d = base.to_flat(ln["direction"])
                    vals.append([_plain(value_at(base.named(base.along(d, t), arrays))) for t in ln["t"]])
                send({"id": rid, "values": vals})
            elif op == "gradient" and grad_at:
                v, g = grad_at(x)
                send({"id": rid, "value": _plain(v), "gradient": {k: _plain(g[k]) for k in g}})
            elif op == "vjp" and vjp_at:
                v, g = vjp_at(x, req["cotangent"])
                send({"id": rid, "value": _plain(v), "vjp": {k: _plain(g[k]) for k in g}})
            elif op == "jvp" and jvp_at:
                send({"id": rid, "jvps": [_plain(jvp_at(x, tan)) for tan in req["tangents"]]})
            else:
                send({"id": rid, "error": "op %r is not served (this server offers %s)" % (op, ", ".join(ops))})
        except Exception as e:  # the answer says what went wrong; cg reports it
            send({"id": rid, "error": "%s: %s" % (type(e).__name__, e)})


def serve(value, gradient=None, vjp=None, jvp=None, dtype="float64", arrays=None):
    """Serve value(inputs) and its gradient(inputs) -> {name: array like the input}.

    A vector output is checked through vjp(inputs, u) -> {name: ...} (uᵀJ) and, optionally,
    jvp(inputs, v) -> J·v, v a dict like the inputs. `arrays` (default: numpy is present) passes
    vectors and matrices as numpy arrays rather than nested lists. `dtype` is what the hello
    line says ("float32" makes cg take its tolerances from the measured noise)."""
    arrays = (_np is not None) if arrays is None else arrays
    grad_at = (lambda x: (value(x), gradient(x))) if gradient else None
    vjp_at = (lambda x, u: (value(x), vjp(x, u))) if vjp else None
    jvp_at = jvp
    if jvp:
        jvp_at = lambda x, tan: jvp(x, {k: (_np.asarray(v, dtype=float) if arrays and _is_seq(v) else v) for k, v in tan.items()})
    _loop(value, grad_at, vjp_at, jvp_at, dtype, arrays)


def serve_torch(fn, dtype=None):
    """Serve fn({name: tensor}) -> tensor, its gradient (or uᵀJ) from torch autograd.

    This is how a custom autograd.Function's hand-written backward is tested: fn calls it,
    torch.autograd.grad runs its backward. dtype: torch.float64 (default) or torch.float32."""
    import torch

    dt = dtype or torch.float64
    name = {torch.float64: "float64", torch.float32: "float32"}.get(dt)
    if name is None:
        raise ValueError("serve_torch: dtype must be torch.float64 or torch.float32")

    def tensors(x, grad):
        return {k: torch.tensor(v, dtype=dt, requires_grad=grad) for k, v in x.items()}

    def value(x):
        with torch.no_grad():
            return fn(tensors(x, False))

    def with_grad(x, u):
        t = tensors(x, True)
        out = fn(t)
        go = None if u is None else torch.tensor(u, dtype=out.dtype).reshape(out.shape)
        names = list(t)
        gs = torch.autograd.grad(out, [t[k] for k in names], grad_outputs=go, allow_unused=True)
        return out, {k: (torch.zeros_like(t[k]) if g is None else g) for k, g in zip(names, gs)}

    _loop(value, lambda x: with_grad(x, None), lambda x, u: with_grad(x, u), None, name, _np is not None)


if __name__ == "__main__":
    sys.stderr.write("cg_adapter.py is a module: `from cg_adapter import serve` in your server\n")
    sys.exit(2)
