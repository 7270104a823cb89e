"""Wording for the synthetic cardiac MRI reports of ``medlabel.core.demo.cardio``.

Templates use ``{name}`` slots. A slot naming an entity type (``{LV-EF}``) becomes an
annotated value; ``{LV-EF+}`` is the same value, sometimes followed by a bracketed normal range (never
part of the span). Any other name is looked up in the report's context; a capitalised name
(``{Lvsize}``) gives the context word with a capital first letter, for sentence starts.
"""

from __future__ import annotations

from medlabel.core.schema import PALETTE

# name, colour (the app's palette, in its order: the first colours are the best told apart), definition, canonical unit (first of the normaliser's units)
FIELDS: tuple[tuple[str, str, str, str], ...] = (
    (
        "LV-EF",
        PALETTE[0],
        "Linksventrikuläre Ejektionsfraktion (Schlagvolumen / enddiastolisches Volumen des "
        "linken Ventrikels), in Prozent; ein Bruch wie 0,55 bedeutet 55 %.",
        "%",
    ),
    ("RV-EF", PALETTE[1], "Rechtsventrikuläre Ejektionsfraktion in Prozent.", "%"),
    ("LVEDV", PALETTE[2], "Enddiastolisches Volumen des linken Ventrikels, absolut (nicht indexiert).", "ml"),
    ("LVESV", PALETTE[3], "Endsystolisches Volumen des linken Ventrikels, absolut (nicht indexiert).", "ml"),
    ("LVSV", PALETTE[4], "Linksventrikuläres Schlagvolumen (LVEDV minus LVESV).", "ml"),
    (
        "RVEDV",
        PALETTE[5],
        "Enddiastolisches Volumen des rechten Ventrikels, absolut (nicht indexiert).",
        "ml",
    ),
    ("RVESV", PALETTE[6], "Endsystolisches Volumen des rechten Ventrikels, absolut (nicht indexiert).", "ml"),
    ("RVSV", PALETTE[7], "Rechtsventrikuläres Schlagvolumen (RVEDV minus RVESV).", "ml"),
    ("LVM", PALETTE[8], "Linksventrikuläre Myokardmasse (LV-Masse), absolut in Gramm.", "g"),
    ("LVEDVi", PALETTE[9], "Enddiastolisches LV-Volumen, auf die Körperoberfläche indexiert.", "ml/m²"),
    ("LVESVi", PALETTE[10], "Endsystolisches LV-Volumen, auf die Körperoberfläche indexiert.", "ml/m²"),
    ("RVEDVi", PALETTE[11], "Enddiastolisches RV-Volumen, auf die Körperoberfläche indexiert.", "ml/m²"),
    ("LVMi", PALETTE[12], "Linksventrikuläre Myokardmasse, auf die Körperoberfläche indexiert.", "g/m²"),
    (
        "HZV",
        PALETTE[13],
        "Herzzeitvolumen (cardiac output, LVSV mal Herzfrequenz) in Litern pro Minute.",
        "l/min",
    ),
)

# Normal ranges (roughly adult SSFP reference values) per sex; written only as distractors.
NORMS: dict[str, dict[str, tuple[float, float]]] = {
    "LV-EF": {"M": (57, 77), "F": (57, 77)},
    "RV-EF": {"M": (47, 74), "F": (50, 72)},
    "LVEDV": {"M": (106, 214), "F": (86, 178)},
    "LVESV": {"M": (26, 82), "F": (22, 66)},
    "LVSV": {"M": (68, 144), "F": (56, 120)},
    "RVEDV": {"M": (118, 250), "F": (84, 198)},
    "RVESV": {"M": (41, 125), "F": (27, 103)},
    "RVSV": {"M": (65, 145), "F": (48, 107)},
    "LVM": {"M": (92, 176), "F": (72, 136)},
    "LVEDVi": {"M": (57, 105), "F": (56, 96)},
    "LVESVi": {"M": (14, 38), "F": (13, 33)},
    "RVEDVi": {"M": (61, 121), "F": (48, 112)},
    "LVMi": {"M": (49, 85), "F": (41, 81)},
    "HZV": {"M": (4.0, 8.0), "F": (4.0, 8.0)},
}

NORM_BRACKETS = (
    " (Norm {lo}{d}{hi}{s}{u})",
    " [{lo}{d}{hi}{s}{u}]",
    " (Referenzbereich {lo}{d}{hi}{s}{u})",
    " (Normwert: {lo}{d}{hi}{s}{u})",
    " (NW {lo} bis {hi}{s}{u})",
)

# Row labels in one-row-per-field tables and short labels in inline lists.
ROW_LABELS: dict[str, tuple[str, ...]] = {
    "LV-EF": ("LV-EF", "LVEF", "EF links", "LV-Ejektionsfraktion"),
    "RV-EF": ("RV-EF", "RVEF", "EF rechts", "RV-Ejektionsfraktion"),
    "LVEDV": ("LVEDV", "LV-EDV", "EDV links"),
    "LVESV": ("LVESV", "LV-ESV", "ESV links"),
    "LVSV": ("LVSV", "LV-SV", "Schlagvolumen LV"),
    "RVEDV": ("RVEDV", "RV-EDV", "EDV rechts"),
    "RVESV": ("RVESV", "RV-ESV", "ESV rechts"),
    "RVSV": ("RVSV", "RV-SV", "Schlagvolumen RV"),
    "LVM": ("LV-Masse", "LVM", "Myokardmasse"),
    "LVEDVi": ("LVEDVi", "LVEDV-Index", "LV-EDVI"),
    "LVESVi": ("LVESVi", "LVESV-Index", "LV-ESVI"),
    "RVEDVi": ("RVEDVi", "RVEDV-Index", "RV-EDVI"),
    "LVMi": ("LVMi", "LV-Massenindex", "LVM-Index"),
    "HZV": ("HZV", "Herzzeitvolumen", "HZV (CO)"),
}

# Two-column LV/RV table: row label, LV field, RV field (None: not measured there), unit key.
LVRV_ROWS: tuple[tuple[tuple[str, ...], str, str | None, str], ...] = (
    (("EDV", "Enddiastolisches Volumen"), "LVEDV", "RVEDV", "ml"),
    (("ESV", "Endsystolisches Volumen"), "LVESV", "RVESV", "ml"),
    (("SV", "Schlagvolumen"), "LVSV", "RVSV", "ml"),
    (("EF", "Ejektionsfraktion"), "LV-EF", "RV-EF", "%"),
    (("EDVi", "EDV-Index"), "LVEDVi", "RVEDVi", "idx"),
    (("ESVi", "ESV-Index"), "LVESVi", None, "idx"),
    (("Masse", "Myokardmasse"), "LVM", None, "g"),
    (("Masse-Index", "Massenindex"), "LVMi", None, "gidx"),
    (("HZV",), "HZV", None, "lmin"),
)

# Clauses for lists inside prose ("LVEDV 162 ml, LVESV 68 ml").
CLAUSES: dict[str, tuple[str, ...]] = {
    "LV-EF": ("LVEF {LV-EF+}", "LV-EF: {LV-EF+}", "EF (biplan) {LV-EF+}", "linksventrikuläre EF {LV-EF+}"),
    "RV-EF": ("RVEF {RV-EF+}", "RV-EF: {RV-EF+}", "rechtsventrikuläre EF {RV-EF+}"),
    "LVEDV": ("LVEDV {LVEDV+}", "enddiastolisches Volumen {LVEDV+}", "EDV {LVEDV+}", "LV-EDV {LVEDV+}"),
    "LVESV": ("LVESV {LVESV+}", "endsystolisches Volumen {LVESV+}", "ESV {LVESV+}", "LV-ESV {LVESV+}"),
    "LVSV": ("LVSV {LVSV+}", "Schlagvolumen {LVSV+}", "SV {LVSV+}"),
    "RVEDV": ("RVEDV {RVEDV+}", "enddiastolisches Volumen {RVEDV+}", "RV-EDV {RVEDV+}"),
    "RVESV": ("RVESV {RVESV+}", "endsystolisches Volumen {RVESV+}", "RV-ESV {RVESV+}"),
    "RVSV": ("RVSV {RVSV+}", "Schlagvolumen {RVSV+}", "RV-SV {RVSV+}"),
    "LVM": ("LV-Masse {LVM+}", "myokardiale Masse {LVM+}", "LVM {LVM+}"),
    "LVEDVi": ("LVEDVi {LVEDVi+}", "indexiertes EDV {LVEDVi+}", "EDV-Index {LVEDVi+}"),
    "LVESVi": ("LVESVi {LVESVi+}", "indexiertes ESV {LVESVi+}", "ESV-Index {LVESVi+}"),
    "RVEDVi": ("RVEDVi {RVEDVi+}", "indexiertes EDV {RVEDVi+}", "RV-EDV-Index {RVEDVi+}"),
    "LVMi": ("LVMi {LVMi+}", "Massenindex {LVMi+}", "indexierte Masse {LVMi+}"),
    "HZV": ("HZV {HZV+}", "Herzzeitvolumen {HZV+}"),
}

# Whole sentences for one value.
SENTENCES: dict[str, tuple[str, ...]] = {
    "LV-EF": (
        "Die linksventrikuläre Ejektionsfraktion beträgt {LV-EF+}.",
        "Die LVEF liegt bei {LV-EF+}.",
        "{Lvfunc_nom} globale LV-Funktion mit einer EF (biplan) von {LV-EF+}.",
        "{Lvfunc_nom} linksventrikuläre Pumpfunktion, LVEF {LV-EF+}.",
        "Linksventrikuläre Ejektionsfraktion (Scheibchensummation) {LV-EF+}.",
        "Globale systolische LV-Funktion {lvfunc_pred} mit einer linksventrikulären Ejektionsfraktion "
        "von {LV-EF+}.",
    ),
    "RV-EF": (
        "Die rechtsventrikuläre EF beträgt {RV-EF+}.",
        "{Rvfunc_nom} RV-Funktion, RVEF {RV-EF+}.",
        "Rechtsventrikuläre Ejektionsfraktion {RV-EF+}.",
        "Die RV-EF liegt bei {RV-EF+} und ist damit {rvfunc_pred}.",
    ),
    "LVEDV": (
        "Das enddiastolische Volumen des LV beträgt {LVEDV+}.",
        "Enddiastolisches Volumen des LV {LVEDV+}.",
        "LVEDV {LVEDV+}.",
    ),
    "LVESV": (
        "Das endsystolische Volumen des LV beträgt {LVESV+}.",
        "Endsystolisches LV-Volumen {LVESV+}.",
    ),
    "LVSV": ("Das linksventrikuläre Schlagvolumen beträgt {LVSV+}.", "Schlagvolumen LV {LVSV+}."),
    "RVEDV": ("Das enddiastolische Volumen des RV beträgt {RVEDV+}.", "RVEDV {RVEDV+}."),
    "RVESV": ("Das endsystolische Volumen des RV beträgt {RVESV+}.", "Endsystolisches RV-Volumen {RVESV+}."),
    "RVSV": ("Rechtsventrikuläres Schlagvolumen {RVSV+}.",),
    "LVM": ("Die LV-Masse beträgt {LVM+}.", "LV-Masse {LVM+}.", "Myokardmasse des LV {LVM+}."),
    "LVEDVi": ("Das indexierte enddiastolische Volumen (LVEDVi) beträgt {LVEDVi+}.",),
    "LVESVi": ("Indexiertes endsystolisches Volumen {LVESVi+}.",),
    "RVEDVi": ("Das RVEDVi beträgt {RVEDVi+}.",),
    "LVMi": ("Der LV-Massenindex beträgt {LVMi+}.", "LVMi {LVMi+}."),
    "HZV": (
        "Herzzeitvolumen {HZV+} bei einer Herzfrequenz von {hr}/min.",
        "Das HZV beträgt {HZV+}.",
    ),
}

# Absolute and indexed value together, the index being a separate field.
PAIRS: dict[tuple[str, str], tuple[str, ...]] = {
    ("LVEDV", "LVEDVi"): (
        "LVEDV {LVEDV} bzw. {LVEDVi} indexiert",
        "EDV {LVEDV} ({LVEDVi})",
        "enddiastolisches Volumen {LVEDV}, indexiert {LVEDVi+}",
    ),
    ("LVESV", "LVESVi"): ("LVESV {LVESV} bzw. {LVESVi} indexiert", "ESV {LVESV} ({LVESVi})"),
    ("RVEDV", "RVEDVi"): ("RVEDV {RVEDV} bzw. {RVEDVi} indexiert", "EDV {RVEDV} ({RVEDVi})"),
    ("LVM", "LVMi"): ("LV-Masse {LVM}, indexiert {LVMi+}", "Myokardmasse {LVM} ({LVMi})"),
}

LV_OPENERS = (
    "{Lvsize} linker Ventrikel mit {lvfunc_dat} globaler systolischer Funktion.",
    "Linker Ventrikel {lvsize_pred}, systolische Funktion {lvfunc_pred}.",
    "LV: {lvsize_pred}, {lvwall}.",
)
RV_OPENERS = (
    "{Rvsize} rechter Ventrikel mit {rvfunc_dat} Funktion.",
    "Rechter Ventrikel {rvsize_pred}, Funktion {rvfunc_pred}.",
)
LIST_PREFIX_LV = ("Linksventrikuläre Volumetrie: ", "LV-Volumetrie: ", "Linker Ventrikel: ", "LV: ")
LIST_PREFIX_RV = ("Rechtsventrikuläre Volumetrie: ", "RV-Volumetrie: ", "Rechter Ventrikel: ", "RV: ")

HEADERS = (
    "Kardio-MRT vom {date}",
    "MRT des Herzens vom {date}",
    "Untersuchung: Kardio-MRT, {date}",
    "Befund Kardio-MRT ({date})",
)
PATIENT_LINES = (
    "Patient/in: {age} Jahre, {sex_word}.",
    "{Age_phrase}.",
    "Alter {age} J., Größe {height} cm, Gewicht {weight} kg, KOF {bsa_text} m².",
)
INDICATION_PREFIX = (
    "Indikation: ",
    "Fragestellung: ",
    "Klinische Angaben/Fragestellung: ",
    "Rechtfertigende Indikation: ",
)

INDICATIONS: dict[str, tuple[str, ...]] = {
    "normal": (
        "Abklärung atypischer Thoraxschmerzen, Ausschluss strukturelle Herzerkrankung.",
        "Ventrikuläre Extrasystolen im Langzeit-EKG, Ausschluss Kardiomyopathie.",
        "Familienanamnese für plötzlichen Herztod, Screening.",
        "Palpitationen, Echokardiographie eingeschränkt beurteilbar.",
    ),
    "dcm": (
        "Neu diagnostizierte Herzinsuffizienz, Ätiologie?",
        "Reduzierte Pumpfunktion in der Echokardiographie, Frage nach dilatativer Kardiomyopathie.",
        "Verlaufskontrolle bei bekannter DCM unter Herzinsuffizienztherapie.",
    ),
    "ischemic": (
        "KHK mit Z. n. Myokardinfarkt, Vitalitätsdiagnostik vor Revaskularisation.",
        "Bekannte KHK, Z. n. PCI des RIVA, Narbenausdehnung?",
        "Ischämische Kardiomyopathie, Frage nach ICD-Indikation.",
    ),
    "hcm": (
        "Familienanamnese HCM, Screening.",
        "Septumhypertrophie in der Echokardiographie, V. a. HCM.",
        "Synkope unter Belastung, Systolikum, V. a. hypertrophe Kardiomyopathie.",
    ),
    "hypertensive": (
        "Arterielle Hypertonie, LV-Hypertrophie in der Echokardiographie.",
        "Langjährige Hypertonie, Differenzierung Hypertrophie vs. Speicherkrankheit.",
    ),
    "myocarditis": (
        "V. a. Myokarditis nach Infekt, Troponin erhöht.",
        "Thoraxschmerz und Troponinanstieg bei unauffälliger Koronarangiographie (MINOCA?).",
        "Verlaufskontrolle nach Myokarditis.",
    ),
    "arvc": (
        "Anhaltende ventrikuläre Tachykardie mit LSB-Morphologie, V. a. ARVC.",
        "Familienanamnese ARVC, Screening.",
    ),
    "amyloid": (
        "Herzinsuffizienz mit erhaltener EF, Niedervoltage im EKG, V. a. kardiale Amyloidose.",
        "Konzentrische Wandverdickung unklarer Genese, Karpaltunnelsyndrom beidseits.",
    ),
    "athlete": (
        "Leistungssportler, T-Negativierungen im Ruhe-EKG.",
        "Ausdauersportler mit dilatiertem LV in der Echokardiographie, Sportlerherz vs. DCM?",
    ),
}

TECHNIQUES = (
    "Technik: {field} T ({scanner}). EKG-getriggerte Cine-SSFP-Sequenzen im Kurzachsenstapel sowie im "
    "2-, 3- und 4-Kammerblick, T2-gewichtete STIR-Sequenzen, natives T1-Mapping (MOLLI), "
    "Late-Gadolinium-Enhancement-Sequenzen 10 min nach i.v. Gabe von {contrast}.",
    "Sequenzen: Cine-SSFP (Kurzachsen, Langachsen), T1- und T2-Mapping, PSIR-LGE nach {contrast}. "
    "Schichtdicke {slice} mm, {field}-T-Scanner.",
    "Untersuchungstechnik: Kardio-MRT an einem {field}-T-Scanner ({scanner}); retrospektiv EKG-getriggerte "
    "Cine-Sequenzen, T2-Mapping, T1-Mapping nativ und 15 min nach KM, LGE-Sequenzen nach Applikation von "
    "{contrast}.",
)
TECHNIQUE_NO_CONTRAST = (
    "Technik: {field} T ({scanner}), Cine-SSFP-Sequenzen, T2-STIR, natives T1-Mapping. Auf KM-Gabe wurde "
    "bei eingeschränkter Nierenfunktion (eGFR {egfr} ml/min) verzichtet."
)
SCANNERS = ("Siemens Magnetom Aera", "Philips Ingenia", "GE Signa Artist", "Siemens Magnetom Vida")
CONTRASTS = (
    "{dose} mmol/kg Gadobutrol",
    "{dose} mmol/kg Gadobutrol (Gadovist)",
    "{dose} mmol/kg Gadoterat (Dotarem)",
    "insgesamt {vol} ml Gadobutrol",
)
VOLUMETRY = (
    "Volumetrie: Scheibchensummation im Kurzachsenstapel, Papillarmuskeln dem Blutpool zugerechnet.",
    "Auswertung mit cvi42, Trabekel und Papillarmuskeln zum Blutvolumen gezählt.",
    "",
)
HR_LINES = (
    "Herzfrequenz während der Untersuchung {hr}/min.",
    "Sinusrhythmus, HF {hr}/min.",
    "Mittlere Herzfrequenz {hr} bpm.",
)

WALL_MOTION: dict[str, tuple[str, ...]] = {
    "normal": ("Keine regionalen Wandbewegungsstörungen.", "Regelrechte regionale Wandbewegung."),
    "dcm": ("Globale Hypokinesie ohne regionale Betonung.", "Diffuse Hypokinesie aller Segmente."),
    "ischemic": (
        "Akinesie {territory}, Hypokinesie der angrenzenden Segmente.",
        "Regionale Wandbewegungsstörung: Hypo- bis Akinesie {territory}.",
    ),
    "hcm": (
        "Hyperkontraktile Wandbewegung, systolische Cavum-Obliteration apikal.",
        "Keine regionalen Wandbewegungsstörungen, SAM-Phänomen des anterioren Mitralsegels.",
    ),
    "myocarditis": ("Diskrete Hypokinesie {segment}.", "Keine regionalen Wandbewegungsstörungen."),
    "arvc": (
        "Regionale Akinesie und Aussackung der freien RV-Wand (subtrikuspidal).",
        "Dyskinesie der RV-Ausflusstrakt-Region.",
    ),
}

LGE: dict[str, tuple[str, ...]] = {
    "normal": (
        "Kein Nachweis eines Late Gadolinium Enhancement (LGE).",
        "Kein LGE.",
        "Late Enhancement: kein Nachweis myokardialer Fibrose oder Narbe.",
    ),
    "dcm": (
        "Streifiges intramyokardiales LGE septal (midwall fibrosis).",
        "Kein Nachweis eines ischämischen LGE-Musters; diskretes intramurales LGE septal.",
    ),
    "ischemic": (
        "Subendokardiales LGE {territory} mit einer Transmuralität von {transmural} %.",
        "Transmurales LGE {territory}, vereinbar mit Infarktnarbe.",
    ),
    "hcm": (
        "Fleckförmiges intramurales LGE in den hypertrophierten Segmenten (ca. {lge_pct} % der LV-Masse).",
        "LGE an den RV-Insertionsstellen und fleckig im Septum.",
    ),
    "hypertensive": (
        "Kein Nachweis eines LGE.",
        "Punktförmiges LGE an der inferioren RV-Insertionsstelle, unspezifisch.",
    ),
    "myocarditis": (
        "Subepikardiales LGE {segment}.",
        "Fleckiges subepikardiales bis intramurales LGE {segment}.",
    ),
    "arvc": ("LGE der freien RV-Wand.", "Kein sicheres LGE des LV; fragliches LGE der freien RV-Wand."),
    "amyloid": (
        "Diffuses subendokardiales LGE mit erschwertem Nulling des Myokards.",
        "Zirkumferentielles subendokardiales bis transmurales LGE, Blutpool früher genullt als Myokard.",
    ),
    "athlete": (
        "Kein LGE.",
        "Minimales LGE an der inferioren RV-Insertionsstelle, ohne pathologische Bedeutung.",
    ),
}
TERRITORIES = (
    "anteroseptal basal bis midventrikulär (RIVA-Stromgebiet)",
    "inferior und inferoseptal (RCA)",
    "inferolateral basal (RCX-Stromgebiet)",
    "apikal und anterior (RIVA)",
)
SEGMENTS = (
    "inferolateral basal bis midventrikulär",
    "anterolateral midventrikulär",
    "lateral basal",
    "inferior basal",
)

TISSUE = (
    "T1-Mapping nativ {t1} ms (Norm {t1lo}–{t1hi} ms), ECV {ecv} %.",
    "Native T1-Zeit {t1} ms, T2-Zeit {t2} ms, extrazelluläres Volumen (ECV) {ecv} %.",
    "T2-Mapping {t2} ms (Norm < {t2hi} ms), T1 nativ {t1} ms, ECV {ecv} %.",
)
WALL_LINES = (
    "Enddiastolische Septumdicke {wall} mm, inferolaterale Wand {wall2} mm.",
    "Maximale enddiastolische Wanddicke {wall} mm ({wall_site}).",
    "Septum {wall} mm, Hinterwand {wall2} mm (enddiastolisch).",
)
# Further findings, one phrase per group at most; atria and valves are left out where ATRIA_VALVES spoke.
EXTRAS: tuple[tuple[str, ...], ...] = (
    ("Linker Vorhof nicht vergrößert (LA-Fläche {la} cm²).",),
    (
        "Keine relevante Mitral- oder Trikuspidalinsuffizienz.",
        "Geringe Mitralinsuffizienz, Regurgitationsfraktion {rf} %.",
    ),
    ("Aorta ascendens {aorta} mm, nicht erweitert.",),
    ("Kein intrakardialer Thrombus.",),
    ("Miterfasste extrakardiale Strukturen unauffällig.", "Kleiner Pleuraerguss rechts als Nebenbefund."),
)
PERICARD = (
    "Kein Perikarderguss.",
    "Perikard unauffällig, kein Erguss.",
    "Schmaler Perikarderguss bis {effusion} mm, hämodynamisch nicht relevant.",
)

DIAGNOSES: dict[str, tuple[str, ...]] = {
    "normal": (
        "Kein Nachweis einer Myokardnarbe, eines Myokardödems oder einer Infiltration.",
        "Insgesamt unauffälliger Kardio-MRT-Befund.",
        "Kein Anhalt für eine Kardiomyopathie.",
    ),
    "dcm": (
        "Befundkonstellation vereinbar mit einer dilatativen Kardiomyopathie.",
        "Dilatative Kardiomyopathie mit nicht-ischämischem LGE-Muster.",
    ),
    "ischemic": (
        "Infarktnarbe {territory}, vereinbar mit abgelaufenem Myokardinfarkt.",
        "Ischämische Kardiomyopathie; Vitalität der nicht vernarbten Segmente erhalten.",
    ),
    "hcm": (
        "Hypertrophe Kardiomyopathie mit maximaler Wanddicke von {wall} mm.",
        "Befund typisch für eine hypertrophe Kardiomyopathie, LV-Masse {LVM}.",
        "Asymmetrische septale Hypertrophie, vereinbar mit HCM.",
    ),
    "hypertensive": (
        "Konzentrische linksventrikuläre Hypertrophie (LVMi {LVMi}), am ehesten hypertensiv.",
        "Linksventrikuläre Hypertrophie, am ehesten hypertensiver Genese; kein Anhalt für Speicherkrankheit.",
    ),
    "myocarditis": (
        "Befund vereinbar mit einer akuten Myokarditis gemäß den Lake-Louise-Kriterien.",
        "Subepikardiales LGE und Ödem, vereinbar mit Myokarditis.",
    ),
    "arvc": (
        "Dilatierter rechter Ventrikel (RVEDVi {RVEDVi}) mit eingeschränkter Funktion und regionaler "
        "Akinesie; V. a. ARVC.",
        "Befunde vereinbar mit einer arrhythmogenen rechtsventrikulären Kardiomyopathie.",
    ),
    "amyloid": (
        "Diffuses LGE und deutlich erhöhtes ECV ({ecv} %), hochverdächtig auf kardiale Amyloidose.",
        "Befundkonstellation hochverdächtig auf eine kardiale Amyloidose.",
    ),
    "athlete": (
        "Biventrikulär vergrößerte Ventrikel bei normaler Funktion, vereinbar mit einem Sportlerherz.",
        "Kein Anhalt für eine Kardiomyopathie; Befund passend zu einem Sportlerherz.",
    ),
}

SUMMARY_LV = (
    "{Lvsize} linker Ventrikel mit {lvfunc_dat} systolischer Funktion (LVEF {LV-EF}).",
    "{Lvfunc_nom} LV-Funktion, EF {LV-EF}.",
    "{Lvsize} LV mit {lvfunc_dat} Pumpfunktion, LV-EF {LV-EF}, LVEDVi {LVEDVi}.",
    "{Lvsize} linker Ventrikel mit {lvfunc_dat} systolischer Funktion.",
    "LV: EDV {LVEDV}, EF {LV-EF}, {lvfunc_nom} Funktion.",
    "Linksventrikuläre Ejektionsfraktion {LV-EF}, LV-Masse {LVM}.",
)
SUMMARY_RV = (
    "{Rvsize} rechter Ventrikel mit {rvfunc_dat} Funktion (RVEF {RV-EF}).",
    "Rechter Ventrikel {rvsize_pred}, RV-EF {RV-EF}.",
    "{Rvfunc_nom} RV-Funktion.",
)
BEURTEILUNG_HEAD = ("Beurteilung:", "Zusammenfassung:", "Beurteilung")
BEFUND_HEAD = ("Befund:", "Befund")

PRIOR = (
    "Voruntersuchungen: Echokardiographie vom {prev_date}.",
    "Vergleich: Keine Voraufnahmen.",
    "Zum Vergleich liegt ein Vorbefund vom {prev_date} vor.",
    "Keine kardiale MRT-Voruntersuchung.",
)
QUALITY = (
    "Gute Bildqualität ohne relevante Artefakte.",
    "Diagnostische Bildqualität, leichte Atemartefakte.",
    "Bildqualität eingeschränkt durch Arrhythmie, Auswertung dennoch möglich.",
    "Untersuchung komplikationslos, Kontrastmittel gut vertragen.",
)
ATRIA_VALVES = (
    "Beide Vorhöfe normal groß. Aortenklappe trikuspide angelegt, keine Stenose, keine Insuffizienz.",
    "Vorhöfe nicht dilatiert. Keine relevanten Klappenvitien in den Cine-Sequenzen.",
    "Linker Vorhof grenzwertig groß, rechter Vorhof normal. Klappen morphologisch unauffällig.",
    "Mitral- und Trikuspidalklappe zart, Aortenklappe trikuspide mit regelrechter Öffnung.",
)
RECOMMENDATIONS: dict[str, tuple[str, ...]] = {
    "normal": ("Keine weitere kardiale Bildgebung erforderlich.", "Klinische Verlaufskontrolle empfohlen."),
    "dcm": (
        "Optimierung der Herzinsuffizienztherapie und Verlaufskontrolle in 6 Monaten empfohlen.",
        "Genetische Abklärung empfohlen; ICD-Indikation im Verlauf prüfen.",
    ),
    "ischemic": (
        "Revaskularisation der vitalen Segmente erwägen.",
        "Bei reduzierter Pumpfunktion ICD-Indikation prüfen.",
    ),
    "hcm": (
        "Genetische Beratung und Familienscreening empfohlen.",
        "Risikostratifizierung für plötzlichen Herztod (HCM Risk-SCD) empfohlen.",
    ),
    "hypertensive": ("Optimierung der antihypertensiven Therapie empfohlen.",),
    "myocarditis": (
        "Sportkarenz für 3 bis 6 Monate und Verlaufskontrolle empfohlen.",
        "Kontroll-MRT in etwa 6 Monaten empfohlen.",
    ),
    "arvc": ("Vorstellung in der Rhythmologie und genetische Beratung empfohlen.",),
    "amyloid": ("Weitere Abklärung mittels Skelettszintigraphie und Leichtketten-Diagnostik empfohlen.",),
    "athlete": (
        "Klinische Verlaufskontrolle nach Trainingspause erwägen.",
        "Sporttauglichkeit aus bildgebender Sicht gegeben.",
    ),
}

# Function grades: hyperdynamic, normal, mildly, moderately, severely reduced (nominative, dative,
# predicative).
FUNC_WORDS = (
    ("hyperdynamische", "hyperdynamer", "hyperdynam"),
    ("normale", "normaler", "normal"),
    ("leichtgradig eingeschränkte", "leichtgradig eingeschränkter", "leichtgradig eingeschränkt"),
    ("mittelgradig eingeschränkte", "mittelgradig eingeschränkter", "mittelgradig eingeschränkt"),
    ("hochgradig eingeschränkte", "hochgradig eingeschränkter", "hochgradig eingeschränkt"),
)
TABLE_TITLES = (
    "Volumetrie (Kurzachsenstapel, Scheibchensummation):",
    "Funktionsparameter:",
    "Quantitative Auswertung:",
    "Messwerte:",
)
SIGNATURES = (
    "Mit freundlichen kollegialen Grüßen\nDr. med. {doctor}, Facharzt für Radiologie",
    "Befundet: Dr. {doctor} (Radiologie), gegengelesen: Prof. Dr. {doctor2} (Kardiologie).",
    "Elektronisch freigegeben am {date} durch Dr. med. {doctor}.",
    "Mit freundlichen Grüßen\nDr. {doctor}, Oberärztin Kardiovaskuläre Bildgebung",
)
DOCTORS = (
    "Müller",
    "Schmidt",
    "Weber",
    "Wagner",
    "Becker",
    "Hoffmann",
    "Schulz",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Neumann",
    "Schröder",
    "Braun",
    "Zimmermann",
    "Krüger",
)

# (name, weight, LVEDVi mean/sd, LV-EF range, LVMi mean/sd, RVEDVi mean/sd, RV-EF range, age range)
ARCHETYPES: tuple[tuple[str, int, tuple, tuple, tuple, tuple, tuple, tuple], ...] = (
    ("normal", 30, (80, 10), (57, 72), (62, 8), (85, 11), (50, 66), (20, 75)),
    ("dcm", 12, (135, 20), (15, 40), (82, 12), (98, 18), (28, 55), (30, 80)),
    ("ischemic", 14, (108, 18), (22, 50), (75, 10), (88, 12), (38, 62), (48, 85)),
    ("hcm", 8, (70, 10), (64, 82), (108, 20), (76, 10), (52, 70), (18, 75)),
    ("hypertensive", 8, (78, 10), (55, 70), (92, 9), (82, 10), (50, 66), (45, 85)),
    ("myocarditis", 12, (86, 12), (42, 63), (64, 8), (86, 11), (45, 64), (18, 60)),
    ("arvc", 5, (84, 10), (50, 65), (60, 8), (138, 16), (22, 42), (18, 60)),
    ("amyloid", 4, (70, 10), (35, 60), (105, 15), (72, 10), (35, 55), (55, 88)),
    ("athlete", 7, (112, 10), (56, 66), (82, 8), (125, 12), (48, 62), (18, 45)),
)

# Chance that a field is left out of a full report: indexed values, RVSV and HZV are often not given.
FULL_DROP = {
    "LVSV": 0.15,
    "RVSV": 0.35,
    "LVEDVi": 0.35,
    "LVESVi": 0.55,
    "RVEDVi": 0.45,
    "LVMi": 0.4,
    "HZV": 0.6,
    "RVESV": 0.1,
    "RVEDV": 0.05,
    "LVM": 0.1,
    "RV-EF": 0.05,
    "LVESV": 0.03,
    "LVEDV": 0.02,
}
LAYOUTS = (("prose", 30), ("inline", 10), ("pipe", 25), ("lvrv", 20), ("aligned", 15))
