"""Which key applies which label or entity type.

Labels of a label set take 1–9 (0 clears); entity types take letters: the first letter of the name
that is still free, else the next free letter of a fixed order, so "LVEF" gets L and "LVEDV" the V
— mnemonic where possible and stable while the schema stays the same."""

from __future__ import annotations

from collections.abc import Sequence

FALLBACK = "asdfghjklqwertyuiopzxcvbnm"
RESERVED: set[str] = set()  # no letter is needed elsewhere: navigation uses Alt/Ctrl keys


def label_keys(labels: Sequence[str]) -> dict[str, str]:
    """label -> "1".."9" for the first nine labels."""
    return {label: str(i + 1) for i, label in enumerate(labels[:9])}


def entity_keys(types: Sequence[str]) -> dict[str, str]:
    """entity type -> lower-case letter; types beyond 26 get none."""
    taken: set[str] = set(RESERVED)
    keys: dict[str, str] = {}
    for name in types:
        letters = [c.lower() for c in name if c.isascii() and c.isalpha()]
        choice = next((c for c in letters if c not in taken), None)
        if choice is None:
            choice = next((c for c in FALLBACK if c not in taken), None)
        if choice is None:
            continue
        taken.add(choice)
        keys[name] = choice
    return keys
