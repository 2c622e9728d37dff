"""The fit check: every sign, every language, the longest fill-ins, on each paper format."""
from ..catalog import catalog
from ..i18n import CODES, plain
from .render import SheetRequest, fitted_document

# The widest value each field type allows, so the check sees the worst case a form can produce.
LONGEST = {"time": "23:59", "date": "2026-12-31", "number": "99999", "text": "Ｗ" * 40,
           "phone": "0120-123-456-789", "url": "https://www.example-municipality.lg.jp/bousai/hinanjo/info"}
FORMATS_FULL = (("A4", "portrait"), ("A4", "landscape"), ("A3", "portrait"), ("A3", "landscape"))
FORMATS_QUICK = (("A4", "portrait"),)
SHELTER = "Ｗ" * 40


def worst_case_requests(codes, size, orientation, sample=None):
    """Every sign with the longest fill-ins; with `sample`, only the `sample` signs with the most text in
    these languages (the first language's title counts triple: it is printed largest)."""
    signs = list(catalog().signs.values())
    if sample is not None:
        signs = sorted(signs, key=lambda sign: -_amount_of_text(sign, codes))[:sample]
    return [
        SheetRequest(sign.id, codes, size, orientation,
                     tuple(sorted((f.name, LONGEST[f.type]) for f in sign.fields)), SHELTER,
                     "https://example.org/q/abcdefghjk")
        for sign in signs
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


def fit_problems(quick=False, progress=None, sample=None):
    problems = []
    for size, orientation in FORMATS_QUICK if quick else FORMATS_FULL:
        for codes in language_sets():
            requests = worst_case_requests(codes, size, orientation, sample)
            document, _pages, left = fitted_document(requests)
            for index in left:
                problems.append(f"{requests[index].sign_id} {','.join(codes)} {size} {orientation}: text overflows")
            if progress:
                progress(f"{size} {orientation} {','.join(codes)}: {len(requests)} signs, {len(left)} overflowing")
    return problems
