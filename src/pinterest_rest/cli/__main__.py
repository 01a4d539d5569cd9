"""``python -m pinterest_rest.cli``."""

import sys

from .main import main

sys.exit(main())
