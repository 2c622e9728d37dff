"""The termbase (terms/termbase.toml): one approved form per language for each key term, and the check.

A unit whose Japanese source contains a term must use the term's approved form in every language that has
one, and must not use a known wrong variant. Forms match case-insensitively inside the text; a `*` in a
form stands for the rest of a word, so inflected forms count (`пункт* эвакуации`).
"""
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..i18n import CODES, plain

TERMBASE = Path(__file__).resolve().parents[2] / "terms" / "termbase.toml"


@dataclass(frozen=True)
class Term:
    id: str
    ja: str
    approved: dict  # code -> tuple of accepted forms (the first is the preferred one)
    wrong: dict  # code -> tuple of wrong variants (including "ja" for drift in the source itself)
    status: dict  # code -> "draft" or "reviewed"
    note: str = ""

    def preferred(self, code):
        forms = self.approved.get(code, ())
        return forms[0] if forms else None


@dataclass(frozen=True)
class TermProblem:
    unit: str
    code: str
    term: str
    what: str

    def __str__(self):
        return f"{self.unit} [{self.code}]: {self.what}"


def _forms(value):
    return (value,) if isinstance(value, str) else tuple(value)


def load_termbase(path=TERMBASE):
    with open(path, "rb") as handle:
        raw = tomllib.load(handle)
    terms = []
    for item in raw.get("term", []):
        approved = {code: _forms(value) for code, value in item.get("approved", {}).items()}
        unknown = (set(approved) | set(item.get("wrong", {}))) - set(CODES)
        if unknown:
            raise ValueError(f"term {item.get('id')}: unknown language keys {sorted(unknown)}")
        terms.append(Term(item["id"], item["ja"], approved,
                          {code: _forms(value) for code, value in item.get("wrong", {}).items()},
                          dict(item.get("status", {})), item.get("note", "")))
    return terms


def load_exempt(path=TERMBASE):
    """Unit keys the check skips (reason given in the termbase)."""
    with open(path, "rb") as handle:
        return dict(tomllib.load(handle).get("exempt", {}))


@lru_cache(maxsize=1)
def termbase():
    return load_termbase()


@lru_cache(maxsize=None)
def _pattern(form):
    parts = [re.escape(piece) for piece in form.split("*")]
    return re.compile(r"\w*".join(parts), re.IGNORECASE)


def contains(text, form):
    return bool(_pattern(form).search(plain(text)))


def terms_in(source, terms=None):
    """The terms whose Japanese form occurs in a Japanese source text."""
    text = plain(source)
    return [term for term in (terms or termbase()) if term.ja in text]


def unit_term_problems(unit, terms=None):
    """Approved forms missing where the Japanese source has the term, and known wrong variants.

    A wrong variant in a translation counts where its source has the term (the same word may be right
    elsewhere: a Russian DV shelter is an убежище); in Japanese and Easy Japanese it counts everywhere.
    A variant that is the approved form of another term in the same source is not wrong there.
    """
    terms = terms or termbase()
    found = terms_in(unit.source, terms)
    problems = []
    for term in terms:
        for code, variants in term.wrong.items():
            text = unit.texts.get(code)
            if not text or (code not in ("ja", "ja-easy") and term not in found):
                continue
            allowed = {form for other in found if other is not term for form in other.approved.get(code, ())}
            for variant in variants:
                if variant not in allowed and contains(text, variant):
                    preferred = term.preferred(code) or term.ja
                    problems.append(TermProblem(unit.key, code, term.id,
                                                f"{term.ja}: wrong variant {variant!r}, use {preferred!r}"))
    for term in found:
        for code, forms in term.approved.items():
            text = unit.texts.get(code)
            # Easy Japanese chapters are rewritten, not translated: they may leave a detail out.
            if code == "ja" or not text or (code == "ja-easy" and unit.part == "chapter"):
                continue
            if not any(contains(text, form) for form in forms):
                problems.append(TermProblem(unit.key, code, term.id,
                                            f"{term.ja}: approved form {forms[0]!r} not used: {_short(text)!r}"))
    return problems


def _short(text, width=90):
    text = " ".join(plain(text).split())
    return text if len(text) <= width else text[:width - 1] + "…"


def term_problems(units, terms=None, exempt=None):
    """Every termbase problem of the given units, except in the exempt ones."""
    terms = terms or termbase()
    exempt = load_exempt() if exempt is None else exempt
    return [problem for unit in units if unit.key not in exempt for problem in unit_term_problems(unit, terms)]
