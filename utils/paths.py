"""Where the repository is: the one fact every layer needs (data folders, runs/, templates).

Kept apart from :mod:`utils.serving.settings` so that the data layer does not import the serving layer.
"""

from pathlib import Path

#: The repository root (the folder holding ``utils/``, ``data/`` and ``notebooks/``).
REPO_ROOT = Path(__file__).resolve().parent.parent
