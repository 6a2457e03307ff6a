"""Where the repository is: the one fact every layer needs (data folders, runs/, templates).

Kept apart from :mod:`utils.serving.settings` so that the data layer does not import the serving layer.
"""

import os
from pathlib import Path

#: The repository root (the folder holding ``utils/``, ``data/`` and ``notebooks/``).
REPO_ROOT = Path(__file__).resolve().parent.parent


def writable_folder(path: str | Path) -> tuple[Path, bool]:
    """Where ``path`` is or would be created, and whether this process can create files there.

    The folder is ``path`` itself when it is a folder, else its nearest ancestor that exists (what
    ``mkdir(parents=True)`` would create under). ``os.access`` sees the mode bits, an immutable folder and
    a read-only mount. The commands call this before any long work, so none is lost to an unwritable ``--out``.
    """
    folder = Path(path).absolute()
    while not folder.is_dir() and folder.parent != folder:
        folder = folder.parent
    return folder, os.access(folder, os.W_OK | os.X_OK)
