"""Reusable widgets (IIN field, inline field errors)."""
