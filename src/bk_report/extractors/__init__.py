"""One module per domain, each with the same face: ``RULES`` and ``extract(ctx)``.

The order of :data:`EXTRACTORS` is the order they run in: later extractors skip
numerals that earlier ones claimed, so the specific domains run before the
catch-all socio-economic indicators.
"""
from . import council, discipline, indicators, membership, targets, year

#: (Report field, module) in running order.
EXTRACTORS = (
    ("discipline", discipline),
    ("membership", membership),
    ("council", council),
    ("targets", targets),
    ("indicators", indicators),
)

__all__ = ["EXTRACTORS", "year", "discipline", "membership", "council", "targets", "indicators"]
