"""The content checks `flask translate check` runs over every unit of every part (beyond the catalog gate)."""
from .style import TERMS_DIR, load_rules, style_problems
from .termbase import load_exempt, load_termbase, term_problems
from .units import ROOT, all_units


def content_problems(root=ROOT, terms_dir=TERMS_DIR):
    """(problem lines, number of units, number of terms) for the content under `root`.

    The termbase, the Easy Japanese rules and the per-language conventions, reported per unit.
    """
    units = list(all_units(root))
    termbase_path = terms_dir / "termbase.toml"
    terms = load_termbase(termbase_path)
    lines = [str(problem) for problem in term_problems(units, terms, load_exempt(termbase_path))]
    lines.extend(style_problems(units, load_rules(terms_dir)))
    return lines, len(units), len(terms)
