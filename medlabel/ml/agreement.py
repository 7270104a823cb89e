"""Inter-annotator agreement between the project's own annotations ("gold") and second opinions.

Document labels: for each pair of raters, observed agreement and Cohen's kappa (scikit-learn) with a
bootstrap 95% interval over reports; Fleiss' kappa over the reports every rater labelled when there are
three raters or more; specific (positive) agreement per label; the reports the raters disagree on.
Spans: strict and lenient span F1 between each pair of raters (``metrics.span_metrics``, one rater taken
as reference: F1 is symmetric) and the reports whose spans differ.

Every result is a JSON-able dict; undefined figures (kappa when both raters used one and the same label
throughout, anything over no shared report) are None rather than a number that would look like a finding.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from medlabel.core import second_opinions
from medlabel.core.documents import external_ids, iter_export_documents
from medlabel.core.errors import MedlabelError
from medlabel.core.project import Project
from medlabel.core.records import SpanRecord
from medlabel.core.schema import load_schema

GOLD = second_opinions.GOLD


def no_opinions_error(project: Project, what: str) -> MedlabelError:
    """The refusal when there is no second opinion (``what`` says of which kind) to compare with."""
    return MedlabelError(
        f"the project {project.root} has no second opinion {what}, so there is nothing to compare its "
        "annotations with. Let a second annotator label a copy of the project, then import it: in the app, "
        "or with 'medlabel opinions-import PROJECT THEIR_PROJECT --as NAME'",
        code="agreement.no_opinions",
        path=str(project.root),
    )


# --- kappa --------------------------------------------------------------------------------------------


def _kappas(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cohen's kappa of confusion counts (..., k, k), and where it is defined (chance agreement below 1)."""
    n = cells.sum(axis=(-2, -1))
    observed = np.trace(cells, axis1=-2, axis2=-1) / n
    expected = (cells.sum(axis=-1) * cells.sum(axis=-2)).sum(axis=-1) / n**2
    defined = expected < 1 - 1e-12
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(defined, (observed - expected) / (1 - expected), np.nan), defined


def kappa_interval(
    a: Sequence[str],
    b: Sequence[str],
    labels: Sequence[str],
    n_boot: int = 1000,
    seed: int = 0,
    ci: float = 0.95,
) -> tuple[float | None, float | None]:
    """Percentile bootstrap interval of Cohen's kappa, resampling reports; resamples where kappa is
    undefined are left out, and (None, None) when none is defined.

    A report falls in one cell of the confusion matrix, so the cell counts of a resample are multinomial
    with the observed shares: the same draws as resampling reports, all at once (as ``metrics`` does)."""
    index = {label: i for i, label in enumerate(labels)}
    k = len(labels)
    cells = np.bincount([index[x] * k + index[y] for x, y in zip(a, b, strict=True)], minlength=k * k)
    draws = np.random.default_rng(seed).multinomial(len(a), cells / len(a), size=n_boot)
    kappas, defined = _kappas(draws.reshape(n_boot, k, k).astype(float))
    if not defined.any():
        return None, None
    low, high = np.percentile(kappas[defined], [50 * (1 - ci), 50 * (1 + ci)])
    return float(low), float(high)


def cohen_kappa(a: Sequence[str], b: Sequence[str], labels: Sequence[str]) -> float | None:
    """Cohen's kappa of two raters' labels (scikit-learn); None where undefined (both raters used one and
    the same label for every report, so chance agreement is 1)."""
    from sklearn.metrics import cohen_kappa_score

    if not a or len(set(a) | set(b)) < 2:
        return None
    return float(cohen_kappa_score(a, b, labels=list(labels)))


def fleiss_parts(counts: np.ndarray) -> tuple[float, float, float]:
    """(kappa, observed agreement P̄, chance agreement P̄e) of Fleiss' kappa from a (subjects × categories)
    matrix of how many raters put each subject in each category; every row must sum to the same number of
    raters (two or more). Kappa is NaN where chance agreement is 1 (everyone used one category)."""
    counts = np.asarray(counts, dtype=float)
    raters = counts.sum(axis=1)
    if counts.ndim != 2 or len(counts) == 0 or raters[0] < 2 or not np.all(raters == raters[0]):
        raise ValueError(
            "need a non-empty subjects × categories matrix with the same number (≥ 2) of raters per row"
        )
    m = raters[0]
    shares = counts.sum(axis=0) / counts.sum()
    per_subject = ((counts * (counts - 1)).sum(axis=1)) / (m * (m - 1))
    observed, expected = float(per_subject.mean()), float((shares**2).sum())
    kappa = (observed - expected) / (1 - expected) if expected < 1 - 1e-12 else float("nan")
    return float(kappa), observed, expected


def fleiss_kappa(counts: np.ndarray) -> float:
    """Fleiss' kappa; see ``fleiss_parts`` for the input."""
    return fleiss_parts(counts)[0]


def _none_if_nan(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


# --- document labels ----------------------------------------------------------------------------------


def label_agreement(
    project: Project, label_set: str, n_boot: int = 1000, seed: int = 0, ci: float = 0.95
) -> dict[str, Any]:
    """Agreement on ``label_set`` between the project's own labels (rater "gold") and each annotator whose
    second opinion holds labels of it. See the module docstring for what is measured."""
    labels = load_schema(project).label_set(label_set).label_names
    if not second_opinions.annotators(project):
        raise no_opinions_error(project, "yet")
    opinions = second_opinions.opinion_labels(project, label_set)
    others = sorted({name for by_rater in opinions.values() for name in by_rater})
    if not others:
        raise no_opinions_error(project, f"with labels of {label_set!r}")
    gold = second_opinions.gold_labels(project, label_set)
    ratings: dict[str, dict[int, str]] = {GOLD: {doc: label for doc, (label, _) in gold.items()}}
    for name in others:
        ratings[name] = {doc: by[name] for doc, by in opinions.items() if name in by}
    raters = list(ratings)
    pairs = [_pair(a, b, ratings, labels, n_boot, seed, ci) for a, b in itertools.combinations(raters, 2)]
    settled = second_opinions.adjudicated(project, label_set)
    disagreements = _label_disagreements(ratings, settled)
    ids = external_ids(project, [d["doc_id"] for d in disagreements])
    for row in disagreements:
        row["external_id"] = ids.get(row["doc_id"])
    return {
        "label_set": label_set,
        "labels": labels,
        "raters": [
            {
                "name": name,
                "annotators": sorted({who for _, who in gold.values()}) if name == GOLD else [name],
                "documents": len(ratings[name]),
            }
            for name in raters
        ],
        "pairs": pairs,
        "fleiss": _fleiss(ratings, labels) if len(raters) >= 3 else None,
        "per_label": _per_label(ratings, labels),
        "disagreements": disagreements,
        "adjudicated": len(settled),
        "bootstrap": {"resamples": n_boot, "ci": ci, "method": "percentile", "seed": seed},
    }


def _pair(
    a: str,
    b: str,
    ratings: Mapping[str, Mapping[int, str]],
    labels: list[str],
    n_boot: int,
    seed: int,
    ci: float,
) -> dict[str, Any]:
    docs = sorted(ratings[a].keys() & ratings[b].keys())
    row: dict[str, Any] = {"a": a, "b": b, "n": len(docs)}
    if not docs:
        return row | {"observed": None, "kappa": None, "ci_low": None, "ci_high": None}
    ya, yb = [ratings[a][d] for d in docs], [ratings[b][d] for d in docs]
    kappa = cohen_kappa(ya, yb, labels)
    low, high = kappa_interval(ya, yb, labels, n_boot, seed, ci) if kappa is not None else (None, None)
    observed = sum(x == y for x, y in zip(ya, yb, strict=True)) / len(docs)
    return row | {"observed": observed, "kappa": kappa, "ci_low": low, "ci_high": high}


def _fleiss(ratings: Mapping[str, Mapping[int, str]], labels: list[str]) -> dict[str, Any]:
    docs = sorted(set.intersection(*(set(r) for r in ratings.values())))
    result: dict[str, Any] = {"n": len(docs), "raters": len(ratings)}
    if not docs:
        return result | {"kappa": None, "observed": None, "expected": None}
    index = {label: i for i, label in enumerate(labels)}
    counts = np.zeros((len(docs), len(labels)))
    for r in ratings.values():
        counts[np.arange(len(docs)), [index[r[d]] for d in docs]] += 1
    kappa, observed, expected = fleiss_parts(counts)
    return result | {"kappa": _none_if_nan(kappa), "observed": observed, "expected": expected}


def _per_label(ratings: Mapping[str, Mapping[int, str]], labels: list[str]) -> dict[str, dict[str, Any]]:
    """Specific agreement per label, 2·both / (a + b), pooled over all pairs of raters (Uebersax): of the
    times a rater gave the label on a report another rater also labelled, the share the other agreed."""
    both: Counter[str] = Counter()
    assigned: Counter[str] = Counter()
    for a, b in itertools.combinations(ratings, 2):
        for doc in ratings[a].keys() & ratings[b].keys():
            x, y = ratings[a][doc], ratings[b][doc]
            assigned[x] += 1
            assigned[y] += 1
            both[x] += x == y
    return {
        label: {
            "agreement": 2 * both[label] / assigned[label] if assigned[label] else None,
            "both": both[label],
            "assigned": assigned[label],
        }
        for label in labels
    }


def _label_disagreements(ratings: Mapping[str, Mapping[int, str]], settled: set[int]) -> list[dict[str, Any]]:
    docs = sorted(set().union(*(set(r) for r in ratings.values())))
    out = []
    for doc in docs:
        said = {name: r[doc] for name, r in ratings.items() if doc in r}
        if len(said) >= 2 and len(set(said.values())) > 1:
            out.append({"doc_id": doc, "external_id": None, "labels": said, "adjudicated": doc in settled})
    return out


# --- spans --------------------------------------------------------------------------------------------


def span_agreement(project: Project, n_boot: int = 1000, seed: int = 0, ci: float = 0.95) -> dict[str, Any]:
    """Span agreement between the project's own spans (rater "gold": the reports with spans or in a split,
    as for training) and each annotator whose second opinion covered reports for spans, and between those
    annotators; each pair over the reports both annotated. ``strict``/``lenient`` are None for a pair that
    marked no span at all in their shared reports (nothing to score, though they agree)."""
    types = [et.name for et in load_schema(project).entity_types]
    if not types:
        raise MedlabelError(
            f"the project {project.root} has no entity types, so there are no spans to compare",
            code="agreement.no_entity_types",
            path=str(project.root),
        )
    names = second_opinions.annotators(project)
    if not names:
        raise no_opinions_error(project, "yet")
    layers: dict[str, dict[int, list[SpanRecord]]] = {GOLD: {}}
    ids: dict[int, str] = {}
    for doc in iter_export_documents(project):
        ids[doc.doc_id] = doc.external_id
        if doc.spans or doc.split is not None:
            layers[GOLD][doc.doc_id] = list(doc.spans)
    for name in names:
        covered = second_opinions.opinion_spans(project, name)
        if covered:
            layers[name] = covered
    if len(layers) < 2:
        raise no_opinions_error(project, "with spans")
    pairs = [_span_pair(a, b, layers, types, n_boot, seed, ci) for a, b in itertools.combinations(layers, 2)]
    return {
        "types": types,
        "raters": [{"name": name, "documents": len(layer)} for name, layer in layers.items()],
        "pairs": pairs,
        "disagreements": _span_disagreements(layers, ids),
        "bootstrap": {"resamples": n_boot, "ci": ci, "method": "percentile", "seed": seed},
    }


def _span_pair(
    a: str,
    b: str,
    layers: Mapping[str, Mapping[int, list[SpanRecord]]],
    types: list[str],
    n_boot: int,
    seed: int,
    ci: float,
) -> dict[str, Any]:
    from medlabel.ml.metrics import span_metrics

    docs = sorted(layers[a].keys() & layers[b].keys())
    row: dict[str, Any] = {"a": a, "b": b, "n": len(docs), "strict": None, "lenient": None}
    spans_a, spans_b = [layers[a][d] for d in docs], [layers[b][d] for d in docs]
    # Types neither rater used in these reports would score F1 0 by convention and pull the macro down.
    seen = [t for t in types if any(s.type == t for doc in (*spans_a, *spans_b) for s in doc)]
    if not docs or not seen:
        return row
    scored = span_metrics(spans_a, spans_b, seen, n_boot=n_boot, seed=seed, ci=ci)
    return row | {"strict": scored["strict"], "lenient": scored["lenient"]}


def _span_key(spans: Sequence[SpanRecord]) -> Counter[tuple[int, int, str]]:
    return Counter((s.start, s.end, s.type) for s in spans)


def _span_disagreements(
    layers: Mapping[str, Mapping[int, list[SpanRecord]]], ids: Mapping[int, str]
) -> list[dict[str, Any]]:
    """The reports that two or more raters annotated and whose spans (offsets and type) differ between them,
    with each rater's spans as [start, end, type]."""
    out = []
    for doc in sorted(set().union(*(set(layer) for layer in layers.values()))):
        marked = {name: layer[doc] for name, layer in layers.items() if doc in layer}
        if len(marked) < 2:
            continue
        keys = [_span_key(spans) for spans in marked.values()]
        if any(k != keys[0] for k in keys[1:]):
            out.append(
                {
                    "doc_id": doc,
                    "external_id": ids.get(doc),
                    "spans": {
                        name: [[s.start, s.end, s.type] for s in spans] for name, spans in marked.items()
                    },
                }
            )
    return out
