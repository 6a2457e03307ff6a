"""``python -m utils.adapt``: see :mod:`utils.adapt.cli`."""

import sys

from utils.adapt.cli import main

sys.exit(main())
