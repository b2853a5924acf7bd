#!/usr/bin/python3
"""Dump the PyTorch peer's (bench/torch_imdb.py) IMDB tokenization, for comparison with seq4j's TextVectorization.

Uses the peer's own tokenize() (imported from the peer script) and its vocabulary rule (count on train,
sort by (-count, token bytes), keep VOCAB_SIZE - 2, ids from 2, unknown = 1), reading the reviews straight
from aclImdb_v1.tar.gz. Needs only Debian's python3 + numpy (the peer imports torch lazily).

Output (one JSON object on stdout):
  distinct_train_tokens, vocab (all VOCAB_SIZE entries, specials first), top50 ([token, count]),
  samples ({path: ids} for a few reviews), train/test token totals and the SHA-256 of all their ids
  (int32 little-endian, reviews in sorted-path order: neg before pos).

usage: peer_tokenizer_dump.py [--peer PATH] [--data PATH] [sample paths...]
"""
import argparse
import hashlib
import importlib.util
import json
import os
import struct
import sys
import tarfile

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--peer", default=os.path.join(here, "..", "..", "shared", "bench", "torch_imdb.py"))
ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data", "aclImdb_v1.tar.gz"))
ap.add_argument("samples", nargs="*", default=[
    "aclImdb/train/neg/0_3.txt", "aclImdb/train/pos/0_9.txt", "aclImdb/test/neg/0_2.txt",
    "aclImdb/test/pos/0_10.txt", "aclImdb/train/pos/10000_8.txt"])
args = ap.parse_args()

os.environ["TORCH_IMDB_NO_REEXEC"] = "1"  # the peer re-execs itself for OpenBLAS otherwise
spec = importlib.util.spec_from_file_location("torch_imdb", args.peer)
peer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(peer)

texts = {}  # path -> bytes
with tarfile.open(args.data) as tf:
    for m in tf:
        p = m.name.split("/")
        if m.isfile() and len(p) == 4 and p[1] in ("train", "test") and p[2] in ("pos", "neg"):
            texts[m.name] = tf.extractfile(m).read()

train = sorted(k for k in texts if k.startswith("aclImdb/train/"))
test = sorted(k for k in texts if k.startswith("aclImdb/test/"))
tok = {k: peer.tokenize(v) for k, v in texts.items()}

# the peer's vocabulary rule (load_data)
counts = {}
for k in train:
    for w in tok[k]:
        counts[w] = counts.get(w, 0) + 1
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[: peer.VOCAB_SIZE - 2]
index = {w: i + 2 for i, (w, _) in enumerate(top)}


def ids(k):
    return [index.get(w, 1) for w in tok[k]]


def digest(keys):
    h = hashlib.sha256()
    n = 0
    for k in keys:
        x = ids(k)
        n += len(x)
        h.update(struct.pack("<%di" % len(x), *x))
    return n, h.hexdigest()


def s(b):
    return b.decode("utf-8")  # the archive is valid UTF-8 (checked); fail loudly otherwise


train_n, train_h = digest(train)
test_n, test_h = digest(test)
json.dump({
    "distinct_train_tokens": len(counts),
    "vocab": ["", "[UNK]"] + [s(w) for w, _ in top],
    "top50": [[s(w), c] for w, c in top[:50]],
    "samples": {k: ids(k) for k in args.samples},
    "train_tokens": train_n, "train_ids_sha256": train_h,
    "test_tokens": test_n, "test_ids_sha256": test_h,
}, sys.stdout, ensure_ascii=False)
print()
