"""How the entity-type palette (medlabel.core.schema.PALETTE) was chosen, and its figures.

The annotator sees each type as a light tint of its colour behind black text (report_view.TINT), so the
palette is chosen for its *tints*: greedy farthest-point selection in CAM02-UCS, starting from
Okabe–Ito's seven colours, maximising the smallest distance to every colour already taken (and to the
white page) for normal vision and for full protanopia, deuteranopia and tritanopia (Machado et al. 2009,
via colorspacious). Candidates are an sRGB grid whose colour is visible as an underline on white
(J' 35–80) and whose tint keeps black text readable (J' ≥ 70). Greedy order means the first k colours
are the best spread for k types.

    python tests/bench/palette_search.py
"""

from __future__ import annotations

import itertools

import numpy as np
from colorspacious import cspace_convert

from medlabel.core.schema import PALETTE
from medlabel.gui.annotate.report_view import TINT

VISION = (None, "protanomaly", "deuteranomaly", "tritanomaly")
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
SIZE = 20


def rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])


def tinted(colours: np.ndarray) -> np.ndarray:
    return 1 - TINT * (1 - colours)


def seen(colours: np.ndarray, vision: str | None) -> np.ndarray:
    """CAM02-UCS coordinates of sRGB colours as seen with ``vision`` (None: normal)."""
    if vision:
        space = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
        colours = np.clip(cspace_convert(colours, space, "sRGB1"), 0, 1)
    return cspace_convert(colours, "sRGB1", "CAM02-UCS")


def min_distances(colours: list[str]) -> dict[str, float]:
    """The smallest pairwise distance between the tints, per kind of vision."""
    tints = tinted(np.array([rgb(c) for c in colours]))
    out = {}
    for vision in VISION:
        points = seen(tints, vision)
        d = np.linalg.norm(points[:, None] - points[None], axis=-1)
        d[np.eye(len(colours), dtype=bool)] = np.inf
        out[vision or "normal"] = float(d.min())
    return out


def search() -> list[str]:
    grid = np.arange(0, 256, 15) / 255
    candidates = np.array(list(itertools.product(grid, grid, grid)))
    lightness = cspace_convert(candidates, "sRGB1", "CAM02-UCS")[:, 0]
    tint_lightness = cspace_convert(tinted(candidates), "sRGB1", "CAM02-UCS")[:, 0]
    candidates = candidates[(lightness > 35) & (lightness < 80) & (tint_lightness >= 70)]
    points = [seen(tinted(candidates), v) for v in VISION]
    nearest = np.full(len(candidates), np.inf)

    def take(colour: np.ndarray) -> None:
        nonlocal nearest
        for k, vision in enumerate(VISION):
            mine = seen(tinted(colour[None]), vision)[0]
            nearest = np.minimum(nearest, np.linalg.norm(points[k] - mine, axis=1))

    for vision_k, vision in enumerate(VISION):  # the white page: a tint must stand out from it
        white = seen(np.ones((1, 3)), vision)[0]
        nearest = np.minimum(nearest, np.linalg.norm(points[vision_k] - white, axis=1))
    chosen = [rgb(c) for c in OKABE_ITO]
    for colour in chosen:
        take(colour)
    while len(chosen) < SIZE:
        best = candidates[int(np.argmax(nearest))]
        chosen.append(best)
        take(best)
    return ["#" + "".join(f"{round(v * 255):02X}" for v in c) for c in chosen]


def main() -> None:
    found = search()
    print("searched:", ", ".join(found))
    print("shipped: ", ", ".join(PALETTE), "(same)" if list(PALETTE) == found else "(DIFFERENT)")
    for k in (8, 12, 20):
        figures = min_distances(list(PALETTE[:k]))
        print(
            f"first {k:2}: smallest tint distance (CAM02-UCS) "
            + ", ".join(f"{v} {d:.1f}" for v, d in figures.items())
        )


if __name__ == "__main__":
    main()
