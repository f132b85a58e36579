"""Train the sentence classifier behind `eventcoder classify` and write its artifact.

    .venv/bin/python scripts/train_classifier.py [--synthetic PATH] [--out DIR]

Training data (no development data is read):
- `src/eventcoder/data/classifier/seed-examples.yaml`: sentences and predicate templates
  we wrote, with the source and target marked (MIT, ours); likewise `seed-sentences.yaml`,
  `seed-templates.yaml`, `cameo-templates.yaml`;
- `src/eventcoder/data/classifier/news-sentences.yaml`: 861 more news-style sentences we
  wrote (CC0), many of them hard cases between close types; off by default (`--news-weight`,
  see the classifier README for what they did to the development figures);
- the NGEC synthetic PLOVER stories (`../shared/data/synthetic-plover/synthetic-events.csv`,
  MIT, Andy Halterman): each story's headline (its {country_N} slots filled with country
  names, the first one marked as the source and the second as the target) and the
  story's first sentence.

Model: three one-hidden-layer networks (scikit-learn's MLPClassifier, ReLU, fixed seeds 13-15,
probabilities averaged) over the
sparse binary features of `eventcoder.events.classify_features`. A logistic regression
trained on our own examples first filters the synthetic ones (only those it already files
under their own label are kept). The artifact is `model.npz` (weights; the large first
layer as int8 with a scale per unit) plus `vocab.json` (feature names, labels, training summary): no pickle,
so it loads with numpy alone, on any version.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventcoder.events.classify_features import DATA, featurize, load_lexicon  # noqa: E402

SEED = 13
SYNTHETIC = ROOT.parent / "shared" / "data" / "synthetic-plover" / "synthetic-events.csv"
#: Fill-ins for the synthetic headlines' {country_N} and {city} slots.
COUNTRIES = ["Kenya", "Brazil", "Indonesia", "Poland", "Egypt", "Peru", "Vietnam", "Ghana", "Turkey",
             "Chile", "Morocco", "Nepal", "Ukraine", "Iran", "Canada", "Japan", "Nigeria", "Mexico",
             "Sweden", "Pakistan", "Colombia", "Thailand", "Algeria", "Greece", "Bolivia", "Sudan"]
CITIES = ["Nairobi", "Lima", "Jakarta", "Cairo", "Kabul", "Caracas", "Lagos", "Manila", "Quito"]
#: Optional time words and attributions added around template sentences.
OPENERS = ["", "", "", "On Tuesday, ", "Earlier this week, ", "In a statement on Friday, ",
           "Late on Sunday, "]
TAILS = ["", "", "", " on Monday", " on Wednesday", ", officials said", ", state media reported",
         " last week", ", according to a government statement", " after months of tension",
         ", the foreign ministry said", " in the capital"]
#: Background clauses, some naming other kinds of events, appended to template sentences so
#: that the model learns to weigh the predicate linking the actors above words elsewhere.
CONTEXT = ["", "", "", "", " amid rising tensions in the region", " after months of fighting",
           ", a week after the attack on the embassy", " following protests in the capital",
           " amid accusations of fraud", " despite international sanctions", " ahead of talks next week",
           " as the death toll from the floods rose", ", two days after the ceasefire collapsed",
           " in a move likely to anger its neighbours", ", the first such step since 2010",
           " after the arrest of an opposition leader", " as aid agencies warned of famine",
           " days after the president visited the region", " despite threats from the rebels",
           " after the two sides signed a trade deal", " while the opposition called for new elections"]
TEMPLATE_COPIES = 6
_MARK = re.compile(r"\{([ST]):([^}]*)\}")


def trained_label(label: str) -> str:
    """CONCEDE and RETREAT are learned as one class, YIELD; `classify` splits it by cues."""
    return "YIELD" if label in ("CONCEDE", "RETREAT", "YIELD") else label


def _sentence(text: str) -> dict:
    """A seed sentence with {S:...}/{T:...} marks -> item with plain text and actor text."""
    actors = {k: v for k, v in _MARK.findall(text)}
    plain = _MARK.sub(lambda m: m.group(2), text)
    return {"text": plain, "source": actors.get("S"), "target": actors.get("T")}


def _fill(template: str, actors: list[str], rng: random.Random) -> dict:
    src, tgt = rng.sample(actors, 2)
    body = template.replace("{S}", src).replace("{T}", tgt)
    opener, tail, context = rng.choice(OPENERS), rng.choice(TAILS), rng.choice(CONTEXT)
    text = opener + (body[0].upper() + body[1:] if not opener else body) + context + tail + "."
    if text[0].islower():
        text = text[0].upper() + text[1:]
    return {"text": text, "source": src, "target": tgt}


def news_items(path: Path, weight: float) -> list[tuple[dict, str, float]]:
    """(item, label, weight) from `news-sentences.yaml`: whole sentences, no template filling,
    so the wording (clauses, attributions, passives) is the varied part."""
    if weight <= 0 or not path.is_file():
        return []
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(_sentence(sent), trained_label(label), weight)
            for label, sentences in table.items() for sent in sentences]


def seed_items(rng: random.Random) -> list[tuple[dict, str, float]]:
    """(item, label, weight) from our own examples; a template's copies share one weight."""
    seed = yaml.safe_load((DATA / "seed-examples.yaml").read_text(encoding="utf-8"))
    more = yaml.safe_load((DATA / "seed-sentences.yaml").read_text(encoding="utf-8"))
    actors = seed.pop("actors")
    out = []
    for label, block in seed.items():
        for sent in block.get("sentences", []):
            out.append((_sentence(sent), trained_label(label), 2.0))
        for template in block.get("templates", []):
            for _ in range(TEMPLATE_COPIES):
                out.append((_fill(template, actors, rng), trained_label(label), 1.5 / TEMPLATE_COPIES))
    for label, sentences in more.items():
        out.extend((_sentence(sent), trained_label(label), 2.0) for sent in sentences)
    templates = yaml.safe_load((DATA / "seed-templates.yaml").read_text(encoding="utf-8"))
    for label, block in cameo_templates().items():
        templates.setdefault(label, []).extend(block)
    for label, block in templates.items():
        for template in block:
            for _ in range(TEMPLATE_COPIES):
                out.append((_fill(template, actors, rng), trained_label(label), 1.5 / TEMPLATE_COPIES))
    return out


def cameo_templates() -> dict[str, list[str]]:
    """The per-CAMEO-code templates, grouped by the PLOVER type of their code."""
    from eventcoder.events.codebook import Codebook

    book = Codebook.load()
    table = yaml.safe_load((DATA / "cameo-templates.yaml").read_text(encoding="utf-8"))
    overrides = {str(k): v for k, v in table.get("label_overrides", {}).items()}
    out: dict[str, list[str]] = {}
    for code, block in table["templates"].items():
        code = str(code)
        mapped = book.plover(code)
        default = "REQUEST" if code.startswith("02") else (mapped.event if mapped else None)
        label = overrides.get(code) or default
        if label:
            out.setdefault(label, []).extend(block)
    return out


def _first_sentence(text: str) -> str:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", text.strip(), maxsplit=1)
    return parts[0] if parts else text


def unmarked_copies(items: list[tuple[dict, str, float]], share: float) -> list[tuple[dict, str, float]]:
    """The same sentences without actor marks: real input often comes without them."""
    return [({**item, "source": None, "target": None}, label, w * share) for item, label, w in items]


def _has_cue(text: str, label: str) -> bool:
    """Whether a sentence has a cue of its own label (YIELD's two halves count as one)."""
    labels = {"CONCEDE", "RETREAT"} if label == "YIELD" else {label}
    return any(c.label in labels for _, _, c in featurize(text, None, None).hits)


def synthetic_items(path: Path, rng: random.Random, weight: float) -> list[tuple[dict, str, float]]:
    """Headline and first sentence of each synthetic story, class-balanced.

    Only sentences with a cue word of their own label are kept: a story's first sentence
    is often background, not the labelled event. Each label gets the same total weight,
    so the skew of the synthetic set (780 CONCEDE, 84 AID) does not become a prior.
    """
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            label, title = trained_label(row["label"].strip()), row["title"].strip()
            fills = {f"{{country_{i}}}": c for i, c in enumerate(rng.sample(COUNTRIES, 3), 1)}
            fills["{city}"] = rng.choice(CITIES)
            for slot, name in fills.items():
                title = title.replace(slot, name)
            src = fills["{country_1}"] if "{country_1}" in row["title"] else None
            tgt = fills["{country_2}"] if "{country_2}" in row["title"] else None
            if _has_cue(title, label):
                rows.append(({"text": title, "source": src, "target": tgt}, label))
            first = _first_sentence(row["text"])
            if 6 <= len(first.split()) <= 60 and _has_cue(first, label):
                rows.append(({"text": first, "source": None, "target": None}, label))
    per_label = Counter(label for _, label in rows)
    mean = sum(per_label.values()) / len(per_label)
    return [(item, label, weight * mean / per_label[label]) for item, label in rows]


def build_matrix(items: list[dict], vocab: dict[str, int]):
    """Binary bag-of-features matrix (scipy CSR) for the vocabulary."""
    from scipy.sparse import csr_matrix

    lex = load_lexicon()
    rows, cols = [], []
    for i, item in enumerate(items):
        feats = {vocab[f] for f in featurize(item["text"], item["source"], item["target"], lex).features
                 if f in vocab}
        rows.extend([i] * len(feats))
        cols.extend(sorted(feats))
    return csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(items), len(vocab)))


def _fit(data: list[tuple[dict, str, float]], c_value: float, min_count: int):
    """Vocabulary (features seen `min_count` times or more) and a fitted model."""
    from sklearn.linear_model import LogisticRegression

    lex = load_lexicon()
    counts: Counter = Counter()
    for item, _, _ in data:
        counts.update(set(featurize(item["text"], item["source"], item["target"], lex).features))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    vocab = {f: i for i, f in enumerate(names)}
    x = build_matrix([d[0] for d in data], vocab)
    model = LogisticRegression(C=c_value, max_iter=3000, random_state=SEED)
    model.fit(x, [d[1] for d in data], sample_weight=np.array([d[2] for d in data]))
    return names, vocab, model, x


def agreeing(model, vocab: dict[str, int], items: list[tuple[dict, str, float]],
             threshold: float) -> list[tuple[dict, str, float]]:
    """The synthetic examples that the seed-trained model already files under their own label
    with probability >= threshold: they bring new wording without importing the synthetic
    set's own reading of the types, which differs from the codebook's in places."""
    if not items:
        return []
    probs = model.predict_proba(build_matrix([d[0] for d in items], vocab))
    classes = list(model.classes_)
    return [d for d, p in zip(items, probs) if d[1] in classes and p[classes.index(d[1])] >= threshold]


def fit_network(x, data: list[tuple[dict, str, float]], hidden: int, alpha: float, epochs: int,
                seed: int):
    """One network: a hidden layer (ReLU) over the sparse binary features; it can learn the
    pairings a linear model cannot ("will" + a cooperative action = AGREE)."""
    from sklearn.neural_network import MLPClassifier

    net = MLPClassifier(hidden_layer_sizes=(hidden,), alpha=alpha, max_iter=epochs, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the fixed epoch budget ends before "convergence"
        net.fit(x, [d[1] for d in data], sample_weight=np.array([d[2] for d in data]))
    return net


def train(synthetic: Path, out_dir: Path, args: argparse.Namespace) -> dict:
    """Fit the model and write model.npz + vocab.json; returns the training summary."""
    rng = random.Random(args.seed)
    data = seed_items(rng) + news_items(args.news, args.news_weight)
    data += unmarked_copies(data, args.unmarked_share)
    n_seed = len(data)
    names, vocab, linear, x = _fit(data, args.C, args.min_count)
    if synthetic.is_file() and args.synthetic_weight > 0:
        data += agreeing(linear, vocab, synthetic_items(synthetic, rng, args.synthetic_weight),
                         args.agree_threshold)
        names, vocab, linear, x = _fit(data, args.C, args.min_count)
    # Several networks from different seeds, their probabilities averaged: one network's
    # answer on unseen wording depends on its random start more than we would like.
    nets = [fit_network(x, data, args.hidden, args.alpha, args.epochs, args.seed + k)
            for k in range(args.nets)]
    w1 = np.stack([n.coefs_[0] for n in nets])  # (nets, features, hidden)
    keep = np.abs(w1).max(axis=(0, 2)) >= 1e-4
    kept = [n for n, k in zip(names, keep) if k]
    out_dir.mkdir(parents=True, exist_ok=True)
    w1 = w1[:, keep]
    # int8 with one scale per hidden unit: a quarter of float32's size, errors < 0.5% of a weight
    scale = np.abs(w1).max(axis=1) / 127.0  # (nets, hidden)
    scale[scale == 0] = 1.0
    np.savez_compressed(out_dir / "model.npz", w1=np.round(w1 / scale[:, None, :]).astype(np.int8),
                        w1_scale=scale.astype(np.float32),
                        b1=np.stack([n.intercepts_[0] for n in nets]).astype(np.float32),
                        w2=np.stack([n.coefs_[1] for n in nets]).astype(np.float32),
                        b2=np.stack([n.intercepts_[1] for n in nets]).astype(np.float32))
    net = nets[0]
    summary = {"labels": list(net.classes_), "seed_examples": n_seed, "nets": args.nets,
               "synthetic_examples": len(data) - n_seed, "n_features": len(kept), "hidden": args.hidden,
               "alpha": args.alpha, "epochs": args.epochs, "C_filter": args.C, "min_count": args.min_count,
               "seed": args.seed, "news_weight": args.news_weight,
               "synthetic_weight": args.synthetic_weight, "unmarked_share": args.unmarked_share,
               "agree_threshold": args.agree_threshold,
               "train_accuracy": round(float(np.mean([n.score(x, [d[1] for d in data]) for n in nets])), 4)}
    (out_dir / "vocab.json").write_text(json.dumps({"features": kept, **summary}), encoding="utf-8")
    return summary


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--synthetic", type=Path, default=SYNTHETIC, help="NGEC synthetic-events.csv")
    ap.add_argument("--out", type=Path, default=DATA, help="artifact folder")
    ap.add_argument("--C", type=float, default=2.0,
                    help="inverse regularisation of the linear model that filters the synthetic examples")
    ap.add_argument("--hidden", type=int, default=64, help="hidden units of each network")
    ap.add_argument("--nets", type=int, default=3, help="networks (seeds) whose probabilities are averaged")
    ap.add_argument("--alpha", type=float, default=1e-3, help="L2 penalty of the network")
    ap.add_argument("--epochs", type=int, default=20, help="training epochs of the network")
    ap.add_argument("--min-count", type=int, default=2, help="drop features seen fewer times")
    ap.add_argument("--synthetic-weight", type=float, default=0.0,
                    help="weight of a synthetic example (0: unused; see the classifier README)")
    ap.add_argument("--seed", type=int, default=SEED,
                    help="seed of the template filling and of the first network (the others: +1, +2)")
    ap.add_argument("--news", type=Path, default=DATA / "news-sentences.yaml",
                    help="our news-style sentences (YAML: type -> marked sentences)")
    ap.add_argument("--news-weight", type=float, default=0.0,
                    help="weight of each news-sentences.yaml example (0: unused; see the classifier README)")
    ap.add_argument("--unmarked-share", type=float, default=0.3,
                    help="weight of the actor-free copy of each seed example, relative to it")
    ap.add_argument("--agree-threshold", type=float, default=0.5,
                    help="keep a synthetic example when the seed model gives its label this probability")
    args = ap.parse_args()
    t0 = time.perf_counter()
    summary = train(args.synthetic, args.out, args)
    summary["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
