/**
 * The checkpoint half of cgdata.py: writes the checkpoint format cg itself writes
 * (src/nn/checkpoint.ts, generations.ts, safetensors.ts, checkpoint-meta.ts), so that
 * `cg predict` and `cg train --resume` verify what train.py wrote as they verify their own:
 * a generation folder made current by an atomically replaced LATEST, model.json version 2
 * with the sha256 of itself and of both tensor files, a sha256 per tensor.
 *
 * model.json's own checksum is the sha256 of JavaScript's JSON.stringify of the parsed file
 * (without `sha256`), so js_json() reproduces JSON.stringify byte for byte: key order,
 * string escapes, and numbers as JavaScript prints them (tests/nn/export/js-json.test.ts
 * compares it with node on random values).
 */
export const CHECKPOINT_PY = String.raw`

# --- cg's checkpoint format (src/nn/checkpoint.ts, generations.ts, checkpoint-meta.ts) ---

def js_number(x):
    """A number as JavaScript's String(x) prints it (also what JSON.stringify writes)."""
    if isinstance(x, bool):
        raise TypeError("a bool is not a number")
    if isinstance(x, int):
        if abs(x) < 2**53:
            return str(x)
        x = float(x)
    if x != x or x in (math.inf, -math.inf):
        raise ValueError("non-finite numbers are written as strings (js_values)")
    if x == 0:
        return "0"  # -0 too
    # repr gives the shortest digits that round-trip, as JavaScript does; only the layout differs.
    r = repr(float(x))
    sign = "-" if r[0] == "-" else ""
    mant, _, e = r.lstrip("-").partition("e")
    ip, _, fp = mant.partition(".")
    digits = (ip + fp).lstrip("0")
    exp = (int(e) if e else 0) - len(fp)  # value = int(digits) * 10**exp
    while len(digits) > 1 and digits.endswith("0"):
        digits, exp = digits[:-1], exp + 1
    k = len(digits)
    n = k + exp  # value = 0.digits * 10**n
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    es = ("+" if e >= 0 else "-") + str(abs(e))
    return sign + (digits if k == 1 else digits[0] + "." + digits[1:]) + "e" + es


_ESC = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def js_string(s):
    """A string as JSON.stringify writes it: UTF-8 as is, control characters and lone surrogates escaped."""
    out = []
    for ch in s:
        c = ord(ch)
        if ch in _ESC:
            out.append(_ESC[ch])
        elif c < 0x20 or 0xD800 <= c <= 0xDFFF:
            out.append("\\u%04x" % c)
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


_INDEX = re.compile(r"^(0|[1-9][0-9]*)$")


def _js_keys(d):
    """A JavaScript object's key order: array-index keys ascending, then the others as inserted."""
    idx = sorted((k for k in d if _INDEX.match(k) and int(k) < 2**32 - 1), key=int)
    seen = set(idx)
    return idx + [k for k in d if k not in seen]


def js_json(v):
    """JSON.stringify(v): compact, byte for byte as JavaScript writes it."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return js_number(v)
    if isinstance(v, str):
        return js_string(v)
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(js_json(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ",".join(js_string(k) + ":" + js_json(v[k]) for k in _js_keys(v)) + "}"
    raise TypeError("cannot write %r as JSON" % type(v))


def js_values(v):
    """Plain JSON values with NaN and +-Infinity as strings, as everywhere in cg's JSON (jsonNumbers)."""
    if isinstance(v, float) and not math.isfinite(v):
        return "NaN" if v != v else ("Infinity" if v > 0 else "-Infinity")
    if isinstance(v, dict):
        return {str(k): js_values(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [js_values(x) for x in v]
    if isinstance(v, (np.floating, np.integer)):
        return js_values(v.item())
    return v


def meta_checksum(meta):
    """checkpoint-meta.ts metaChecksum: sha256 of the compact JSON without the sha256 field."""
    rest = {k: v for k, v in meta.items() if k != "sha256"}
    return hashlib.sha256(js_json(rest).encode("utf-8")).hexdigest()


MODEL_JSON = "model.json"
WEIGHTS = "model.safetensors"
STATE = "state.safetensors"
LATEST = "LATEST"
KEEP = 2  # the generations kept: this one and the previous (cg train's default --keep)
_GEN = re.compile(r"^gen-(\d{6,})$")


def gen_name(n):
    return "gen-%06d" % n


def generations(out):
    """Generation numbers in the run folder, newest first."""
    try:
        names = os.listdir(out)
    except OSError:
        return []
    return sorted((int(m.group(1)) for m in map(_GEN.match, names) if m), reverse=True)


def _pointer(out):
    try:
        with open(os.path.join(out, LATEST), encoding="utf-8") as f:
            m = _GEN.match(f.read().strip())
        return int(m.group(1)) if m else 0
    except OSError:
        return 0


def weights_file(path):
    """The weights of a run folder (the generation LATEST names), a checkpoint folder, or a file."""
    if not os.path.isdir(path):
        return path
    gen = _pointer(path)
    return os.path.join(path, gen_name(gen), WEIGHTS) if gen else os.path.join(path, WEIGHTS)


def write_durable(path, data):
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def fsync_dir(path):
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a folder
    finally:
        os.close(fd)


def write_atomic(path, data):
    tmp = os.path.join(os.path.dirname(path), ".%s.%d.%s.tmp" % (os.path.basename(path), os.getpid(), os.urandom(4).hex()))
    try:
        write_durable(tmp, data)
        os.replace(tmp, path)
        fsync_dir(os.path.dirname(path))
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def commit_generation(out, files, keep=KEEP):
    """generations.ts commitGeneration: write gen-N.partial/, fsync its files and the folder,
    rename it to gen-N, then replace LATEST atomically (the commit point); keep the newest keep."""
    import shutil

    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        if re.match(r"^gen-\d{6,}\.(partial|old)$", name):
            shutil.rmtree(os.path.join(out, name), ignore_errors=True)
    n = max([0, _pointer(out)] + generations(out)) + 1
    final = os.path.join(out, gen_name(n))
    tmp = final + ".partial"
    try:
        os.mkdir(tmp)
        for name, data in files:
            write_durable(os.path.join(tmp, name), data)
        fsync_dir(tmp)
        os.rename(tmp, final)
        fsync_dir(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    write_atomic(os.path.join(out, LATEST), (gen_name(n) + "\n").encode("utf-8"))
    for g in [g for g in generations(out) if g < n][max(0, keep - 1) :]:
        old = os.path.join(out, gen_name(g))
        try:
            os.rename(old, old + ".old")  # renamed first: never taken for a fallback half-deleted
            shutil.rmtree(old + ".old", ignore_errors=True)
        except OSError:
            pass  # goes at the next save
    return final


def write_checkpoint(out, meta, weights, state, step, optimizer):
    """A checkpoint as cg's saveCheckpoint writes it; weights and state: lists of (name, array)."""
    w = encode_safetensors(weights, {"step": str(step), "format": "pt"}, checksums=True)
    s = encode_safetensors(state, {"step": str(step), "optimizer": optimizer}, checksums=True)
    m = js_values({k: v for k, v in meta.items() if k != "sha256"})
    m["version"] = 2
    m["files"] = {"weights": WEIGHTS, "state": STATE, "weights_sha256": hashlib.sha256(w).hexdigest(),
                  "state_sha256": hashlib.sha256(s).hexdigest()}
    m["sha256"] = meta_checksum(m)
    text = json.dumps(m, indent=2, allow_nan=False) + "\n"
    return commit_generation(out, [(WEIGHTS, w), (STATE, s), (MODEL_JSON, text.encode("utf-8"))])
`;
