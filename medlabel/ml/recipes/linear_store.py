"""Fitted TF-IDF vectorizers and logistic regressions stored as plain data, so that opening a run can
never run code.

A pickle (``joblib``) runs whatever code it names when it is loaded, and a project folder may come
from someone else. Here one ``.npz`` file holds a UTF-8 JSON description (constructor settings, the
vocabulary in index order, the class names) and the fitted numbers (``idf``, ``coef``, ``intercept``,
``weights``); numpy reads it with ``allow_pickle=False``, so it is data and nothing else. Loading
rebuilds the estimators through scikit-learn's public paths: ``TfidfVectorizer(**settings,
vocabulary=...)`` and its ``idf_`` setter, ``LogisticRegression(**settings)`` with ``classes_``,
``coef_``, ``intercept_`` and ``n_features_in_``.

Why not skops (``skops.io.load(path, trusted=[...])``): it rebuilds each object's private ``__dict__``
(which scikit-learn renames between releases) through a list of trusted types that has to follow
every release, and it has had trusted-type bypasses (e.g. CVE-2025-54412). The public attributes
used here have kept their meaning across many scikit-learn releases, and this reader has no way to
name a Python object at all.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from medlabel.core.errors import MedlabelError

FORMAT = "medlabel.linear/1"
META = "meta"  # the array holding the JSON description, as UTF-8 bytes
# Settings that would make the vectorizer read files named by the report texts, or call code.
VECTORIZER_CHOICES: dict[str, tuple[Any, ...]] = {
    "input": ("content",),
    "analyzer": ("word", "char", "char_wb"),
    "strip_accents": (None, "ascii", "unicode"),
    "tokenizer": (None,),
    "preprocessor": (None,),
}
DTYPES = ("float32", "float64")


class _Invalid(ValueError):
    """What is wrong with a stored file; the loader names the file and what to do."""


def _legacy_message(legacy: Path) -> str:
    return (
        f"{legacy}: this run was saved by an older medlabel in a format that can run code when loaded; "
        "medlabel no longer opens it: train the run again"
    )


# ---- saving -----------------------------------------------------------------------------------------


def save_pipeline(pipeline: Any, path: Path) -> None:
    """Store a fitted ``Pipeline([(name, TfidfVectorizer), (name, LogisticRegression)])`` at ``path``."""
    (vec_name, vectorizer), (clf_name, classifier) = pipeline.steps
    vec_meta, arrays = _vectorizer_state(vectorizer)
    clf_meta, clf_arrays = _classifier_state(classifier, len(vec_meta["vocabulary"]))
    meta = {"steps": [vec_name, clf_name], "vectorizer": vec_meta, "classifier": clf_meta}
    _write(Path(path), "pipeline", meta, {**arrays, **clf_arrays})


def save_selector(vectorizer: Any, weights: Any, path: Path) -> None:
    """Store a fitted ``TfidfVectorizer`` and one weight per vocabulary term at ``path``."""
    import numpy as np

    vec_meta, arrays = _vectorizer_state(vectorizer)
    arrays["weights"] = np.asarray(weights)
    _check_vector(arrays["weights"], "weights", len(vec_meta["vocabulary"]))
    _write(Path(path), "selector", {"vectorizer": vec_meta}, arrays)


def _plain_settings(estimator: Any, skip: tuple[str, ...]) -> dict[str, Any]:
    """``estimator``'s constructor settings, refusing any that JSON cannot hold (functions, objects)."""
    settings = {}
    for name, value in estimator.get_params(deep=False).items():
        if name in skip:
            continue
        if callable(value):
            raise MedlabelError(
                f"the {type(estimator).__name__} setting {name!r} is a function ({value!r}); medlabel "
                "stores only plain settings, so it cannot save this model: leave that setting at its default"
            )
        try:
            json.dumps(value, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise MedlabelError(
                f"the {type(estimator).__name__} setting {name!r} ({value!r}) cannot be stored as plain "
                "data; leave that setting at its default"
            ) from exc
        settings[name] = value
    return settings


def _vectorizer_state(vectorizer: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    import numpy as np

    if not vectorizer.use_idf:
        raise MedlabelError("medlabel stores TF-IDF vectorizers with idf weighting only (use_idf=True)")
    settings = _plain_settings(vectorizer, skip=("vocabulary", "dtype"))
    terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    meta = {"settings": settings, "dtype": np.dtype(vectorizer.dtype).name, "vocabulary": terms}
    return meta, {"idf": np.asarray(vectorizer.idf_)}


def _classifier_state(classifier: Any, n_features: int) -> tuple[dict[str, Any], dict[str, Any]]:
    import numpy as np

    classes = classifier.classes_.tolist()
    if not all(isinstance(c, str) for c in classes):
        raise MedlabelError(f"medlabel stores classifiers of text labels only, not {classes!r}")
    meta = {"settings": _plain_settings(classifier, skip=()), "classes": classes}
    arrays = {"coef": np.asarray(classifier.coef_), "intercept": np.asarray(classifier.intercept_)}
    _check_linear(arrays, classes, n_features)
    return meta, arrays


def _write(path: Path, kind: str, meta: dict[str, Any], arrays: dict[str, Any]) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    import numpy as np
    import sklearn

    meta = {"format": FORMAT, "kind": kind, "scikit_learn": sklearn.__version__, **meta}
    text = json.dumps(meta, ensure_ascii=False, allow_nan=False).encode("utf-8")
    arrays = {**arrays, META: np.frombuffer(text, dtype=np.uint8)}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez_compressed(fh, **arrays)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# ---- loading ----------------------------------------------------------------------------------------


def load_pipeline(path: Path, what: str, legacy: Path | None = None) -> Any:
    """The pipeline ``save_pipeline`` stored at ``path``; ``what`` names it in errors, and ``legacy`` is
    the pickle an older medlabel wrote in its place (refused, never opened)."""
    from sklearn.pipeline import Pipeline

    path = Path(path)
    meta, arrays = _read(path, "pipeline", what, legacy)
    with _as_damaged(path):
        steps = meta["steps"]
        if not (isinstance(steps, list) and len(steps) == 2 and all(isinstance(s, str) for s in steps)):
            raise _Invalid("its step names are not two names")
        vectorizer = _vectorizer_from(meta["vectorizer"], arrays)
        classifier = _classifier_from(meta["classifier"], arrays, len(vectorizer.vocabulary_))
        return Pipeline([(steps[0], vectorizer), (steps[1], classifier)])


def load_selector(path: Path, what: str, legacy: Path | None = None) -> tuple[Any, Any]:
    """(vectorizer, weights) that ``save_selector`` stored at ``path``; ``what`` and ``legacy`` as for
    ``load_pipeline``."""
    path = Path(path)
    meta, arrays = _read(path, "selector", what, legacy)
    with _as_damaged(path):
        vectorizer = _vectorizer_from(meta["vectorizer"], arrays)
        weights = _array(arrays, "weights")
        _check_vector(weights, "weights", len(vectorizer.vocabulary_))
        return vectorizer, weights


@contextmanager
def _as_damaged(path: Path) -> Iterator[None]:
    """Turns what a damaged or foreign file makes the rebuilding raise into one clear MedlabelError."""
    try:
        yield
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        raise _damaged(path, exc) from exc


def _damaged(path: Path, exc: BaseException) -> MedlabelError:
    detail = str(exc) if isinstance(exc, _Invalid) else f"{type(exc).__name__}: {exc}"
    return MedlabelError(f"{path} is damaged or was not written by medlabel ({detail}); train the run again")


def _read(path: Path, kind: str, what: str, legacy: Path | None) -> tuple[dict[str, Any], dict[str, Any]]:
    import numpy as np

    if not path.is_file():
        if legacy is not None and Path(legacy).exists():
            raise MedlabelError(_legacy_message(Path(legacy)))
        raise MedlabelError(f"{path} is missing: this run's {what} was not saved; train the run again")
    try:
        # allow_pickle=False: an object array (the one way an .npy names Python code) is refused.
        stored = np.load(path, allow_pickle=False)
        if not isinstance(stored, np.lib.npyio.NpzFile):
            raise _Invalid("it is not an archive of arrays")
        with stored:
            arrays = {name: stored[name] for name in stored.files}
        text = _array(arrays, META)
        if not isinstance(text, np.ndarray) or text.dtype != np.uint8 or text.ndim != 1:
            raise _Invalid("its description is not UTF-8 text")
        meta = json.loads(text.tobytes().decode("utf-8"))
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise _Invalid(f"it is not in the {FORMAT} format")
        if meta.get("kind") != kind:
            raise _Invalid(f"it holds a {meta.get('kind')!r}, not a {kind!r}")
    except (ValueError, OSError, EOFError, KeyError, RecursionError, zipfile.BadZipFile, zlib.error) as exc:
        raise _damaged(path, exc) from exc
    return meta, arrays


def _array(arrays: dict[str, Any], name: str) -> Any:
    if name not in arrays:
        raise _Invalid(f"it has no {name!r} array")
    return arrays[name]


def _settings(cls: Any, stored: Any) -> dict[str, Any]:
    """Constructor keywords for ``cls`` from stored settings. A setting the installed scikit-learn no
    longer has is one it no longer reads, so it is left out rather than refused."""
    if not isinstance(stored, dict):
        raise _Invalid("its settings are not a table of names and values")
    defaults = cls().get_params(deep=False)
    settings = {}
    for name, value in stored.items():
        if name not in defaults:
            continue
        # JSON has lists only; scikit-learn validates ranges such as ngram_range as tuples.
        if isinstance(defaults[name], tuple) and isinstance(value, list):
            value = tuple(value)
        settings[name] = value
    return settings


def _vectorizer_from(meta: Any, arrays: dict[str, Any]) -> Any:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    settings = _settings(TfidfVectorizer, meta["settings"])
    defaults = TfidfVectorizer().get_params(deep=False)
    for name, allowed in VECTORIZER_CHOICES.items():
        value = settings.get(name, defaults[name])
        if value not in allowed:
            raise _Invalid(f"the vectorizer setting {name!r} is {value!r}, not one of {allowed}")
    if meta["dtype"] not in DTYPES:
        raise _Invalid(f"the vectorizer's number type {meta['dtype']!r} is not one of {DTYPES}")
    terms = meta["vocabulary"]
    if not (isinstance(terms, list) and terms and all(isinstance(t, str) for t in terms)):
        raise _Invalid("its vocabulary is not a list of words")
    if len(set(terms)) != len(terms):
        raise _Invalid("its vocabulary lists a term twice")
    idf = _array(arrays, "idf")
    _check_vector(idf, "idf", len(terms))
    vectorizer = TfidfVectorizer(
        **settings, vocabulary={t: i for i, t in enumerate(terms)}, dtype=getattr(np, meta["dtype"])
    )
    vectorizer.idf_ = idf
    return vectorizer


def _classifier_from(meta: Any, arrays: dict[str, Any], n_features: int) -> Any:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    classes = meta["classes"]
    arrays = {"coef": _array(arrays, "coef"), "intercept": _array(arrays, "intercept")}
    _check_linear(arrays, classes, n_features)
    classifier = LogisticRegression(**_settings(LogisticRegression, meta["settings"]))
    classifier.classes_ = np.asarray(classes)
    classifier.coef_ = arrays["coef"]
    classifier.intercept_ = arrays["intercept"]
    classifier.n_features_in_ = n_features
    return classifier


def _check_vector(values: Any, name: str, length: int) -> None:
    _check_numbers(values, name)
    if values.shape != (length,):
        raise _Invalid(f"{name} has shape {values.shape}, but the vocabulary has {length} terms")


def _check_linear(arrays: dict[str, Any], classes: Any, n_features: int) -> None:
    if not (isinstance(classes, list) and len(classes) >= 2 and all(isinstance(c, str) for c in classes)):
        raise _Invalid("its labels are not a list of two or more names")
    if len(set(classes)) != len(classes):
        raise _Invalid("its labels list a name twice")
    # Two classes are one row of weights (for the second class), more are one row per class.
    rows = 1 if len(classes) == 2 else len(classes)
    for name, shape in (("coef", (rows, n_features)), ("intercept", (rows,))):
        _check_numbers(arrays[name], name)
        if arrays[name].shape != shape:
            raise _Invalid(
                f"{name} has shape {arrays[name].shape}, not {shape} for {len(classes)} labels and "
                f"{n_features} vocabulary terms"
            )


def _check_numbers(values: Any, name: str) -> None:
    import numpy as np

    if not (isinstance(values, np.ndarray) and np.issubdtype(values.dtype, np.floating)):
        raise _Invalid(f"{name} is not an array of decimal numbers")
    if not np.isfinite(values).all():
        raise _Invalid(f"{name} holds values that are not finite numbers")
