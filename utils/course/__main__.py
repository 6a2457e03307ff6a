"""``python -m utils.course``: run every notebook (see :mod:`utils.course.run`)."""

import sys

from utils.course.run import main

sys.exit(main())
