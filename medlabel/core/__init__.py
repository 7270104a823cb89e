"""Qt-free, torch-free core: project store, label schema, import/export, normalisers, demo corpora."""
