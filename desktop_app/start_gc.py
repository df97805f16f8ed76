"""Python's cycle collector paused while the application starts, and back on once its window shows.

Start makes objects that live as long as the window (modules, Qt wrappers, the catalogue, the
pages) and almost no garbage in cycles; each collection on the way would only walk the growing
heap again (about a tenth of the start). Reference counting frees everything else as usual.
"""

from __future__ import annotations

import gc


def pause() -> None:
    gc.disable()


def resume() -> None:
    """Collect cycles again (idempotent: every way out of the start calls it)."""
    gc.enable()
