"""``python -m bk_report …`` behaves exactly like ``bk-report …``."""
import sys

from .cli import main

sys.exit(main())
