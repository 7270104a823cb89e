"""Synthetic demo corpora, generated deterministically from a seed (no shipped patient data)."""
