"""Append-only schema steps, one module per version: `vNNN_<what>.py` with `upgrade(db)`."""
