"""The app's words for the label schema's errors (names, labels in use, normalisers, units, plausible
ranges) and the training/test split's. ``messages.wordings`` includes these; placeholders as there."""

from __future__ import annotations

from medlabel.gui.i18n import tr
from medlabel.gui.messages import Wording, _by_kind, _count, _known, _words


def schema_wordings() -> dict[str, Wording]:
    return {
        # --- the label schema ---
        "schema.no_label_set": _known(
            tr("There is no label set “{0}”; the project has: {1}."), "label_set", "known"
        ),
        "schema.no_entity_type": _known(
            tr("There is no entity type “{0}”; the project has: {1}."), "entity_type", "known"
        ),
        "schema.no_label": _known(
            tr("The label set “{0}” has no label “{1}”; its labels are: {2}."), "label_set", "label", "known"
        ),
        "schema.name_empty": _by_kind(empty=True),
        "schema.name_too_long": _by_kind(empty=False),
        "schema.label_set_exists": _words(
            tr("A label set named “{0}” exists already; choose another name."), "label_set"
        ),
        "schema.duplicate_labels": _words(
            tr("The label set “{0}” lists these labels twice: {1}."), "label_set", "labels"
        ),
        "schema.label_exists": _words(
            tr("The label set “{0}” already has a label “{1}”; choose another name."), "label_set", "label"
        ),
        "schema.entity_type_exists": _words(
            tr("An entity type named “{0}” exists already; choose another name."), "entity_type"
        ),
        "schema.bad_colour": _words(
            tr("The colour {1} of the entity type “{0}” is not of the form #RRGGBB."), "entity_type", "colour"
        ),
        "schema.label_in_use": lambda p: tr(
            "“{1}” in “{0}” is the label of {2} document(s); removing the label removes it there too. "
            "Confirm to go ahead.",
            "",
            _count(p, "count"),
        ).format(p["label_set"], p["label"], p["count"]),
        "schema.label_set_in_use": lambda p: tr(
            "A label of “{0}” is set on {1} document(s); removing the label set removes every label of "
            "that set too. Confirm to go ahead.",
            "",
            _count(p, "count"),
        ).format(p["label_set"], p["count"]),
        "schema.entity_type_in_use": lambda p: tr(
            "“{0}” is the type of {1} span(s); removing the entity type removes every span of that type "
            "too. Confirm to go ahead.",
            "",
            _count(p, "count"),
        ).format(p["entity_type"], p["count"]),
        "schema.normaliser_in_use": lambda p: tr(
            "{1} span(s) of “{0}” carry values as the type defines them now. Keep its kind, its first unit "
            "and its vocabulary (other units may be added after the first), or add a new entity type.",
            "",
            _count(p, "count"),
        ).format(p["entity_type"], p["count"]),
        "schema.unknown_analyte": _words(
            tr(
                "medlabel does not know the analyte “{0}”. Choose one of: {1}; or give the molar mass "
                "instead."
            ),
            "analyte",
            "known",
        ),
        "schema.bad_molar_mass": _words(
            tr("The molar mass must be a positive number in g/mol, not {0}."), "value"
        ),
        "schema.bad_valence": _words(tr("The valence must be a whole number from 1 to 9, not {0}."), "value"),
        "schema.bad_plausible_range": _words(
            tr("The plausible range needs two numbers, the lower first (like 30 and 600), not {0}."), "value"
        ),
        "normalise.needs_analyte": _words(
            tr(
                "“{0}” is in {1}; turning it into {2} needs the analyte (its molar mass, for mEq its "
                "valence). Set the entity type's analyte in Project → Labels and entity types…, or write "
                "the value in {2}."
            ),
            "text",
            "unit",
            "target",
        ),
        # --- training and test split ---
        "splits.already_frozen": lambda p: tr(
            "The task “{0}” already has a test split of {1} report(s). It stays as it is, so that runs "
            "remain comparable; move single reports between training and test instead.",
            "",
            _count(p, "count"),
        ).format(p["task"], p["count"]),
        "splits.bad_fraction": _words(
            tr("The test split's share must lie between 0 and 1 (0 % and 100 %), not {0}."), "fraction"
        ),
        "splits.too_few": lambda p: tr(
            "The task “{0}” has {1} annotated report(s): too few to hold some back for testing and train "
            "on the rest. Annotate more reports first.",
            "",
            _count(p, "count"),
        ).format(p["task"], p["count"]),
        "splits.nothing_chosen": lambda _p: tr(
            "No report is chosen to move. Select a report in the list first."
        ),
    }
