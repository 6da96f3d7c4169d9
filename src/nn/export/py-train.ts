/**
 * train.py of the torch export: continues training the exported model with the spec's
 * optimizer, hyperparameters, data, split and batch order, one process or many under
 * torchrun (DistributedDataParallel: gloo on CPU, nccl on GPUs). Each global batch is the
 * batch `cg train` takes; its rows are shared out among the processes and each one's loss is
 * scaled so that DDP's average of the gradients is the gradient of the whole batch's mean
 * loss. It writes a cg checkpoint folder (model.json, model.safetensors, state.safetensors)
 * that `cg predict`, `cg eval` and `cg train --resume` read.
 */
export const TRAIN_PY = String.raw`#!/usr/bin/env python3
"""Continue training the cg model exported here, in PyTorch.

  python3 train.py --epochs 5 --out runs/more                      # one process
  torchrun --nproc_per_node=2 train.py --epochs 5 --out runs/more  # DDP: gloo on CPU, nccl on GPUs

Written by cg export; the batches, the optimizer and its state are cg's, so one epoch here
matches one epoch of cg train to float rounding.
"""
import argparse
import json
import math
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.distributed as dist  # noqa: E402

import cgdata  # noqa: E402
from model import DTYPE, CgModel, loss_sum, loss_denominator, state_dict_from  # noqa: E402


def parse_args():
    p = argparse.ArgumentParser(description="continue training a cg model in PyTorch")
    p.add_argument("--epochs", type=int, default=1, help="how many more epochs to train (default 1)")
    p.add_argument("--out", default=None, help="the cg model folder to write (default runs/NAME-torch)")
    p.add_argument("--data", default=None, help="the training CSV, if not where the export says")
    p.add_argument("--log-steps", default=None, help="write one JSON line per step (epoch, step, rows, loss) to this file")
    p.add_argument("--device", default="auto", help="auto (cuda when available), cpu or cuda")
    a = p.parse_args()
    if a.epochs < 1:
        p.error("--epochs must be at least 1")
    return a


def load_rows(cfg, data_override):
    meta = cfg["meta"]
    spec = meta["spec"]
    classes = meta["data"]["classes"]
    if cfg["generator"] is not None:
        x, labels, y = cgdata.generate(cfg["generator"]["name"], cfg["generator"])
    else:
        path = data_override or cfg["data_file"]
        x, labels, y = cgdata.read_csv(path, meta["data"]["inputs"], meta["data"]["targets"], classes)
    train, _ = cgdata.split_rows(len(x), spec["training"]["validation"], spec["training"]["seed"])
    norm = meta["data"]["normalization"]
    xs = ((x[train] - np.array(norm["mean"])) / np.array(norm["std"]))
    if labels is not None:
        t = labels[train]
        target = torch.tensor(t, dtype=DTYPE).reshape(-1, 1) if meta["model"]["layers"][-1]["units"] == 1 else torch.tensor(t)
    else:
        target = torch.tensor(y[train]).to(DTYPE)
    return torch.tensor(xs).to(DTYPE), target


def make_optimizer(model, spec, state, steps):
    o = spec["optimizer"]
    params = list(model.parameters())
    if o["type"] == "adam":
        opt = torch.optim.Adam(params, lr=o["lr"], betas=(o["beta1"], o["beta2"]), eps=o["eps"], weight_decay=o["weight_decay"])
    else:
        mu = o["momentum"] if o["type"] == "momentum" else 0
        opt = torch.optim.SGD(params, lr=o["lr"], momentum=mu, weight_decay=o["weight_decay"])
    if steps == 0:
        return opt
    # cg keeps the state flat (W1, b1, W2, ... back to back): cut it per parameter.
    at = 0
    for p in params:
        n = p.numel()
        piece = lambda k: torch.tensor(state[k][at : at + n]).reshape(p.shape).to(p.device, p.dtype)  # noqa: E731
        if o["type"] == "adam":
            opt.state[p] = {"step": torch.tensor(float(steps)), "exp_avg": piece("m"), "exp_avg_sq": piece("v")}
        elif o["type"] == "momentum":
            opt.state[p] = {"momentum_buffer": piece("v")}
        at += n
    return opt


def flat_state(model, opt, kind):
    names = {"adam": [("m", "exp_avg"), ("v", "exp_avg_sq")], "momentum": [("v", "momentum_buffer")], "sgd": []}[kind]
    out = []
    for cg_name, torch_name in names:
        parts = [opt.state[p][torch_name].detach().cpu().reshape(-1) for p in model.parameters()]
        out.append((cg_name, torch.cat(parts).numpy()))
    return out


def write_atomic(path, data):
    tmp = path + ".tmp-%d" % os.getpid()
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def save_checkpoint(out, cfg, model, opt, steps, epochs_done, history):
    os.makedirs(out, exist_ok=True)
    meta = json.loads(json.dumps(cfg["meta"]))
    stamp = str(steps)
    weights = [(name, p.detach().cpu().numpy()) for name, p in model.named_parameters()]
    write_atomic(os.path.join(out, meta["files"]["weights"]), cgdata.encode_safetensors(weights, {"step": stamp, "format": "pt"}))
    kind = meta["spec"]["optimizer"]["type"]
    state = flat_state(model, opt, kind) if steps else []
    write_atomic(os.path.join(out, meta["files"]["state"]), cgdata.encode_safetensors(state, {"step": stamp, "optimizer": kind}))
    meta["spec"]["training"]["epochs"] = epochs_done
    meta["status"] = "finished"
    meta["progress"] = {"epoch": epochs_done, "step": 0, "partial": {"loss": 0, "correct": 0, "abs": 0, "seen": 0, "seconds": 0}}
    meta["optimizer_steps"] = steps
    meta["history"] = meta["history"] + history
    meta["final"] = None
    meta["trained_by"] = "torch %s (exported train.py)" % torch.__version__
    write_atomic(os.path.join(out, "model.json"), (json.dumps(meta, indent=2) + "\n").encode("utf-8"))


def main():
    args = parse_args()
    with open(os.path.join(HERE, "cg_export.json"), encoding="utf-8") as f:
        cfg = json.load(f)
    meta = cfg["meta"]
    spec = meta["spec"]
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local = int(os.environ.get("LOCAL_RANK", "0"))
    use_cuda = args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available())
    device = torch.device("cuda", local) if use_cuda else torch.device("cpu")
    if world > 1:
        dist.init_process_group("nccl" if use_cuda else "gloo")
    torch.manual_seed(0)

    model = CgModel().to(device)
    weights, wmeta = cgdata.read_safetensors(os.path.join(HERE, "weights.safetensors"))
    model.load_state_dict(state_dict_from(weights, device))
    state, _ = cgdata.read_safetensors(os.path.join(HERE, "optimizer.safetensors"))
    steps = int(wmeta.get("step", "0"))
    opt = make_optimizer(model, spec, state, steps)
    net = torch.nn.parallel.DistributedDataParallel(model) if world > 1 else model

    x, target = load_rows(cfg, args.data)
    x, target = x.to(device), target.to(device)
    n = len(x)
    batch = min(spec["training"]["batch_size"], n)
    denom_per_row = loss_denominator()
    start = meta["progress"]["epoch"]
    if meta["progress"]["step"]:
        start += 1  # a checkpoint cut mid-epoch: begin with the next whole epoch
    log = open(args.log_steps, "w", encoding="utf-8") if args.log_steps and rank == 0 else None
    history = []
    for e in range(start, start + args.epochs):
        order = torch.tensor(cgdata.epoch_order(n, spec["training"]["seed"], e, spec["training"]["shuffle"]), device=device)
        t0 = time.time()
        total = 0.0
        for s in range(math.ceil(n / batch)):
            rows = order[s * batch : (s + 1) * batch]
            mine = torch.tensor_split(rows, world)[rank]
            denom = len(rows) * denom_per_row
            part = loss_sum(net(x[mine]), target[mine])
            opt.zero_grad(set_to_none=True)
            # DDP averages gradients over the processes: scale so the average is d(mean loss).
            (part * (world / denom)).backward()
            opt.step()
            steps += 1
            whole = part.detach().double()
            if world > 1:
                dist.all_reduce(whole)
            loss = whole.item() / denom
            total += loss * len(rows)
            if log:
                log.write(json.dumps({"epoch": e + 1, "step": s + 1, "rows": len(rows), "loss": loss}) + "\n")
        seconds = time.time() - t0
        rec = {"epoch": e + 1, "loss": total / n, "accuracy": None, "mae": None, "val_loss": None, "val_accuracy": None,
               "val_mae": None, "samples_per_s": n / max(seconds, 1e-9), "seconds": seconds}
        history.append(rec)
        if rank == 0:
            print(json.dumps({"type": "epoch", **rec}), flush=True)
    if log:
        log.close()
    if rank == 0:
        out = args.out or os.path.join("runs", meta["name"] + "-torch")
        save_checkpoint(out, cfg, model, opt, steps, start + args.epochs, history)
        print(json.dumps({"type": "summary", "out": out, "epochs": start + args.epochs, "steps": steps, "world_size": world}), flush=True)
    if world > 1:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
