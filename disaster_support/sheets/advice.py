"""Before printing: will every part of the sheet be readable? If not, what would be (A3, fewer languages)."""
import dataclasses
from dataclasses import dataclass

from ..i18n import BY_CODE
from .fit_check import too_small
from .render import fitted_document, sheet_context


@dataclass(frozen=True)
class Advice:
    """Parts printed below their minimum, and the choices that would print them readably."""

    parts: tuple
    a3: bool  # the same languages are readable on A3
    languages: tuple  # the most of the chosen languages (in order) readable on this paper; () if none

    @property
    def language_names(self):
        """Each proposed language named in itself (the switcher's rule), for the warning."""
        return " · ".join(BY_CODE[code].name for code in self.languages)


def legibility_advice(request):
    """None when every part of the fitted sheet is at or above its minimum size, else an Advice."""
    document, _pages, _left = fitted_document([request])
    small = too_small(document.pages[0], request.size)
    if not small:
        return None
    a3 = request.size == "A4" and _planned_readable(dataclasses.replace(request, size="A3"))
    fewer = ()
    for count in range(len(request.codes) - 1, 0, -1):
        if _planned_readable(dataclasses.replace(request, codes=request.codes[:count])):
            fewer = request.codes[:count]
            break
    return Advice(tuple(sorted({part for part, *_rest in small})), a3, fewer)


def _planned_readable(request):
    """The plan's estimate (no layout): quick enough to try several choices."""
    return not sheet_context(request)["layout"].below_minimum
