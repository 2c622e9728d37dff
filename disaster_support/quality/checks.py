"""The content checks `flask translate check` runs over every unit of every part (beyond the catalog gate)."""
from .termbase import load_exempt, load_termbase, term_problems, TERMBASE
from .units import ROOT, all_units


def content_problems(root=ROOT, termbase_path=TERMBASE):
    """Every termbase problem in the content under `root`, as printable lines."""
    units = list(all_units(root))
    terms = load_termbase(termbase_path)
    return [str(problem) for problem in term_problems(units, terms, load_exempt(termbase_path))], len(units), len(terms)
