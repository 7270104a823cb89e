"""The units medlabel reads, what each measures, and the factors between them (by pint).

A unit has one canonical spelling (``"µmol/l"``), a kind (what it measures: ``"volume"``, ``"substance
concentration"``, ...) and a pint expression for its size. Values convert only within a kind, except
between mass and substance concentration (through an analyte's molar mass, pint's ``chemistry`` context)
and between equivalents and substance (through its valence: 1 mEq = 1/valence mmol). The kind is ours, not
pint's dimensionality: pint would let ``ml/m²`` convert to ``mm`` and ``%`` to any ratio.

Spellings are compared case-folded without spaces (``"mL"``, ``"µmol / L"``, ``"umol/l"``); the one clash
this makes, gram per litre ``g/l`` and the blood count's ``G/l`` (10^9/l), is settled by the case of the
first letter, else by the units a type expects.
"""

from __future__ import annotations

import functools
import math
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MASS_CONCENTRATION = "mass concentration"
SUBSTANCE_CONCENTRATION = "substance concentration"
EQUIVALENT_CONCENTRATION = "equivalent concentration"

# kind -> canonical spelling -> pint expression of its size. Units of one kind convert into each other.
_KINDS: dict[str, dict[str, str]] = {
    "fraction": {"%": "percent"},
    "volume": {"ml": "ml", "dl": "dl", "l": "l"},
    "volume/area": {"ml/m²": "ml/m**2", "l/m²": "l/m**2"},
    "flow": {"ml/min": "ml/min", "l/min": "l/min"},
    "flow/area": {"ml/min/m²": "ml/min/m**2", "l/min/m²": "l/min/m**2"},
    "mass": {"mg": "mg", "g": "g", "kg": "kg"},
    "mass/area": {"g/m²": "g/m**2", "kg/m²": "kg/m**2"},
    "length": {"mm": "mm", "cm": "cm", "m": "m"},
    "time": {"ms": "ms", "s": "s"},
    "rate": {"/min": "1/min"},
    "pressure": {"mmHg": "mmHg", "kPa": "kPa"},
    MASS_CONCENTRATION: {
        "mg/dl": "mg/dl", "g/dl": "g/dl", "g/l": "g/l", "mg/l": "mg/l", "µg/dl": "µg/dl", "µg/l": "µg/l",
        "ng/ml": "ng/ml", "ng/l": "ng/l", "pg/ml": "pg/ml",
    },
    SUBSTANCE_CONCENTRATION: {"mmol/l": "mmol/l", "µmol/l": "µmol/l", "nmol/l": "nmol/l", "pmol/l": "pmol/l"},
    # Sized as mmol/l; the valence is applied on conversion (pint has no equivalents).
    EQUIVALENT_CONCENTRATION: {"mEq/l": "mmol/l"},
    # Labs treat U and IU of enzyme activity (and of hormones such as TSH) as the same size.
    "catalytic concentration": {
        "U/l": "U/l", "IU/l": "U/l", "mU/l": "mU/l", "mIU/l": "mU/l", "µU/ml": "µU/ml", "µIU/ml": "µU/ml",
        "kU/l": "kU/l", "µkat/l": "µkat/l",
    },
    "number concentration": {
        "/µl": "1/µl", "/nl": "1/nl", "G/l": "1e9/l", "10^9/l": "1e9/l", "10^3/µl": "1e3/µl",
        "T/l": "1e12/l", "10^12/l": "1e12/l", "10^6/µl": "1e6/µl",
    },
    "osmolality": {"mosm/kg": "mosmol/kg"},
}  # fmt: skip

# Other spellings of a canonical unit. "u" for "µ" is added for every unit below.
_ALIASES = {
    "prozent": "%", "percent": "%", "ccm": "ml", "cm³": "ml", "1/min": "/min", "bpm": "/min",
    # German reports: Internationale Einheiten, Einheiten, Milliäquivalent (mval), Gigapartikel, Tausend
    "IE/l": "IU/l", "mIE/l": "mIU/l", "µIE/ml": "µIU/ml", "E/l": "U/l", "mval/l": "mEq/l", "Gpt/l": "G/l",
    "Tpt/l": "T/l", "Tsd/µl": "10^3/µl", "Tsd./µl": "10^3/µl", "Mio/µl": "10^6/µl", "Mio./µl": "10^6/µl",
    "meq/l": "mEq/l", "mosmol/kg": "mosm/kg", "mosm/kg H2O": "mosm/kg", "mosmol/kg H2O": "mosm/kg",
    "1/µl": "/µl", "1/nl": "/nl", "K/µl": "10^3/µl", "M/µl": "10^6/µl",
    "x10^9/l": "10^9/l", "×10^9/l": "10^9/l", "10⁹/l": "10^9/l", "x10⁹/l": "10^9/l", "×10⁹/l": "10^9/l",
    "x10^12/l": "10^12/l", "×10^12/l": "10^12/l", "10¹²/l": "10^12/l", "x10¹²/l": "10^12/l",
    "×10¹²/l": "10^12/l", "x10^3/µl": "10^3/µl", "×10^3/µl": "10^3/µl", "10³/µl": "10^3/µl",
    "x10^6/µl": "10^6/µl", "×10^6/µl": "10^6/µl",
}  # fmt: skip

UNIT_KIND: dict[str, str] = {u: kind for kind, units in _KINDS.items() for u, _ in units.items()}
KNOWN_UNITS: tuple[str, ...] = tuple(UNIT_KIND)


@dataclass(frozen=True)
class Analyte:
    """What converting a laboratory value needs: molar mass in g/mol, and the valence of an ion."""

    molar_mass: float
    valence: int | None = None


# Molar masses as clinical conversion tables use them; an ion's valence turns mEq/l into mmol/l.
ANALYTES: dict[str, Analyte] = {
    "glucose": Analyte(180.16),
    "creatinine": Analyte(113.12),
    "urea": Analyte(60.06),
    "urea nitrogen": Analyte(28.014),  # BUN: the nitrogen of urea, 2 × 14.007
    "uric acid": Analyte(168.11),
    "cholesterol": Analyte(386.65),
    "triglycerides": Analyte(885.7),  # as triolein, the convention of lipid panels
    "bilirubin": Analyte(584.66),
    "lactate": Analyte(89.07),
    "ammonia": Analyte(17.03),
    "iron": Analyte(55.845),
    "phosphate": Analyte(30.97),  # reported as phosphorus
    "haemoglobin": Analyte(16114.5),  # per haem (Fe) monomer: 1 g/dl = 0.6206 mmol/l
    "sodium": Analyte(22.99, 1),
    "potassium": Analyte(39.098, 1),
    "chloride": Analyte(35.45, 1),
    "bicarbonate": Analyte(61.02, 1),
    "lithium": Analyte(6.94, 1),
    "calcium": Analyte(40.078, 2),
    "magnesium": Analyte(24.305, 2),
}


def unit_key(spelling: str) -> str:
    """The form spellings are compared in: case-folded, no spaces, ``2``/``^2`` as ``²`` (also ``3``)."""
    key = re.sub(r"\s+", "", spelling.casefold())
    return re.sub(r"\^?([23])(?![0-9])", lambda m: "²" if m.group(1) == "2" else "³", key)


def _spellings() -> dict[str, tuple[str, ...]]:
    pairs = [*((u, u) for u in UNIT_KIND), *_ALIASES.items()]
    pairs += [(s.replace("µ", "u"), u) for s, u in list(pairs) if "µ" in s]
    found: dict[str, tuple[str, ...]] = {}
    for spelling, unit in pairs:
        key = unit_key(spelling)
        if unit not in found.get(key, ()):
            found[key] = (*found.get(key, ()), unit)
    return found


_SPELLINGS = _spellings()


def canonical_unit(spelling: str, expected: Sequence[str] = ()) -> str | None:
    """The canonical spelling of a written unit, or None when it is not a unit medlabel knows.

    ``expected`` (canonical units) settles a spelling that two units share when the case of its first
    letter does not: ``"G/L"`` is 10^9/l, ``"g/L"`` gram per litre, ``"G/L"`` for a type in g/l is g/l.
    """
    if not isinstance(spelling, str):
        return None
    options = _SPELLINGS.get(unit_key(spelling), ())
    if len(options) <= 1:
        return options[0] if options else None
    first = spelling.strip()[:1]
    kinds = {UNIT_KIND[u] for u in expected if u in UNIT_KIND}
    for fits in (lambda u: UNIT_KIND[u] in kinds and u[0] == first, lambda u: UNIT_KIND[u] in kinds):
        chosen = [u for u in options if fits(u)]
        if chosen:
            return chosen[0]
    same_case = [u for u in options if u[0] == first]
    return (same_case or list(options))[0]


def needs_analyte(source: str, target: str) -> bool:
    """Whether converting between these units needs an analyte's molar mass or valence."""
    kinds = {UNIT_KIND[source], UNIT_KIND[target]}
    chemistry = {MASS_CONCENTRATION, SUBSTANCE_CONCENTRATION, EQUIVALENT_CONCENTRATION}
    return len(kinds) == 2 and kinds <= chemistry


_LOCK = threading.Lock()


@functools.cache
def _registry() -> Any:
    # pint is imported on first conversion only: it and its registry take about 0.3 s to load.
    import pint

    registry = pint.UnitRegistry()
    registry.define("osmole = [osmotic_amount] = osmol = osm")
    return registry


@functools.lru_cache(maxsize=4096)
def conversion_factor(
    source: str, target: str, molar_mass: float | None = None, valence: int | None = None
) -> float | None:
    """What a value in canonical unit ``source`` is multiplied by to be in ``target``; None when the two
    do not convert (other kinds, or the molar mass or valence that the conversion needs is missing)."""
    if source == target:
        return 1.0
    kinds = [UNIT_KIND[source], UNIT_KIND[target]]
    if kinds[0] != kinds[1] and not needs_analyte(source, target):
        return None
    with _LOCK:  # pint's registry keeps caches of its own; conversions are computed once each anyway
        return _factor(source, target, kinds, molar_mass, valence)


def _factor(
    source: str, target: str, kinds: list[str], molar_mass: float | None, valence: int | None
) -> float | None:
    registry = _registry()
    quantity = registry.Quantity(_KINDS[kinds[0]][source])
    wanted = registry.Quantity(_KINDS[kinds[1]][target])
    if EQUIVALENT_CONCENTRATION in kinds and kinds[0] != kinds[1]:
        if not valence:
            return None
        # Sized as mmol, 1 mEq is 1/valence mmol: scale whichever side counts equivalents.
        if kinds[0] == EQUIVALENT_CONCENTRATION:
            quantity, kinds[0] = quantity / valence, SUBSTANCE_CONCENTRATION
        else:
            wanted, kinds[1] = wanted / valence, SUBSTANCE_CONCENTRATION
    if kinds[0] == kinds[1]:
        factor = float((quantity / wanted).to("dimensionless").magnitude)
    elif molar_mass:
        mw = registry.Quantity(molar_mass, "g/mol")
        factor = float(quantity.to(wanted.units, "chemistry", mw=mw).magnitude / wanted.magnitude)
    else:
        return None
    return factor if math.isfinite(factor) and factor > 0 else None
