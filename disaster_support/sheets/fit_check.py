"""The fit check: every sign and message, every language set, the longest fill-ins, on each paper format.

A sheet fails when text overflows, and when any part prints below its readable size (legibility.py), measured
in the laid-out document: the font size of every text box WeasyPrint drew, not the size the plan asked for.
"""
from ..catalog import catalog
from ..i18n import CODES, LANGUAGES, plain
from . import legibility
from .render import SheetRequest, fitted_document

# The widest value each field type allows, so the check sees the worst case a form can produce.
LONGEST = {"time": "23:59", "date": "2026-12-31", "number": "99999", "text": "Ｗ" * 40,
           "phone": "0120-123-456-789", "url": "https://www.example-municipality.lg.jp/bousai/hinanjo/info"}
FORMATS_FULL = (("A4", "portrait"), ("A4", "landscape"), ("A3", "portrait"), ("A3", "landscape"))
FORMATS_QUICK = (("A4", "portrait"),)
SHELTER = "Ｗ" * 40
CODE_OF_LANG = {language.html_lang: language.code for language in reversed(LANGUAGES)}  # "ja" stays ja


def worst_case_requests(codes, size, orientation, sample=None, kind="sign"):
    """Every sign (or message) with the longest fill-ins; with `sample`, only the `sample` with the most text in
    these languages (the first language's title counts triple: it is printed largest)."""
    phrases = list((catalog().signs if kind == "sign" else catalog().messages).values())
    if sample is not None:
        phrases = sorted(phrases, key=lambda phrase: -_amount_of_text(phrase, codes))[:sample]
    return [
        SheetRequest(phrase.id, codes, size, orientation,
                     tuple(sorted((f.name, LONGEST[f.type]) for f in phrase.fields)), SHELTER,
                     "https://example.org/q/abcdefghjk", kind=kind)
        for phrase in phrases
    ]


def _amount_of_text(sign, codes):
    return 3 * len(plain(sign.title[codes[0]])) + sum(len(plain(sign.body.get(code, ""))) for code in codes)


def language_sets():
    """Each language alone (largest) and, for the crowded case, each one first among four others."""
    for code in CODES:
        yield (code,)
    crowded = ("my", "ne", "th", "vi", "tl", "ru")
    for code in CODES:
        yield (code, *[other for other in crowded if other != code][:4])


def too_small(page, size):
    """[(part, language, drawn pt, minimum pt)] for every part of a laid-out sheet printed below its minimum."""
    found = []
    for (part, lang), drawn in sorted(page_sizes(page).items()):
        minimum = minimum_for(part, size, lang)
        if minimum and drawn < minimum - 0.05:
            found.append((part, lang, round(drawn, 1), minimum))
    return found


def page_sizes(page):
    from .. import pdf

    return {key: drawn for key, drawn in pdf.smallest_text(page).items() if key[0] in legibility.PARTS}


def minimum_for(part, size, lang):
    if part == "facts":
        return legibility.facts_minimum_pt(size)
    return legibility.minimum_pt(part, size, CODE_OF_LANG.get(lang, "en"))


# Up to this many languages every sheet must print readably; with more, sentences and titles that cannot
# meet their minimum make the builder warn and propose A3 or fewer languages (listed, not failed, here).
ALWAYS_READABLE = 3
MAY_NEED_PROPOSAL = ("title", "body")


class Report:
    """What the check found: problems, sheets the builder will warn about, the smallest drawn size per part."""

    def __init__(self):
        self.problems = []
        self.proposals = []
        self.smallest = {}  # (size, part) -> (pt, where)

    def add_sheet(self, request, page, overflowing):
        where = f"{request.kind} {request.sign_id} {','.join(request.codes)} {request.size} {request.orientation}"
        if overflowing:
            self.problems.append(f"{where}: text overflows")
        small = too_small(page, request.size)
        refused = [line for line in small if line[0] in MAY_NEED_PROPOSAL] if len(request.codes) > ALWAYS_READABLE else []
        for part, lang, drawn, minimum in small:
            line = f"{where}: {part} [{lang}] printed at {drawn} pt, below its minimum {minimum} pt"
            (self.proposals if refused and part in MAY_NEED_PROPOSAL else self.problems).append(line)
        if refused:
            return  # never printed as it is: the builder proposes A3 or fewer languages instead
        for (part, lang), drawn in page_sizes(page).items():
            key = (request.size, part)
            if key not in self.smallest or drawn < self.smallest[key][0]:
                self.smallest[key] = (round(drawn, 1), f"{where} [{lang}]")


def fit_problems(quick=False, progress=None, sample=None, report=None):
    report = report or Report()
    for size, orientation in FORMATS_QUICK if quick else FORMATS_FULL:
        for codes in language_sets():
            for kind in ("sign", "message"):
                # Messages are fewer and longer: half the sample finds the same worst cases.
                share = sample if sample is None or kind == "sign" else max(1, (sample + 1) // 2)
                requests = worst_case_requests(codes, size, orientation, share, kind)
                document, _pages, left = fitted_document(requests)
                before = len(report.problems)
                for index, (request, page) in enumerate(zip(requests, document.pages)):
                    report.add_sheet(request, page, index in left)
                if progress:
                    progress(f"{size} {orientation} {','.join(codes)}: {len(requests)} {kind}s, "
                             f"{len(report.problems) - before} problems")
    return report.problems
