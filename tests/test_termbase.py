"""The termbase (terms/termbase.toml) and its check in `flask translate check` (issue 17)."""
import shutil
import tomllib
from pathlib import Path

import pytest

from disaster_support.i18n import CODES
from disaster_support.quality.checks import content_problems

ROOT = Path(__file__).resolve().parents[1]


def _content_copy(tmp_path):
    """A copy of every content file (and the termbase) that a test may break."""
    for folder in ("sheets", "pictograms", "terms"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("svg", "overlays"))
    shutil.copytree(ROOT / "locales", tmp_path / "locales", ignore=shutil.ignore_patterns("*.mo"))
    return tmp_path


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(root):
    return content_problems(root, root / "terms")[0]


def test_translate_check_passes_the_termbase_over_all_parts(runner):
    result = runner.invoke(args=["translate", "check"])
    assert result.exit_code == 0, result.output
    assert "Termbase (63 terms), Easy Japanese and conventions" in result.output and "no problem" in result.output


def test_termbase_has_60_terms_with_an_approved_form_in_every_language():
    with open(ROOT / "terms" / "termbase.toml", "rb") as handle:
        raw = tomllib.load(handle)
    assert raw["_meta"]["status"] == "draft"  # nothing in the termbase claims a fluent review
    terms = raw["term"]
    assert len(terms) >= 60
    assert len({term["ja"] for term in terms}) == len(terms)
    translated = set(CODES) - {"ja", "ja-easy"}
    assert all(translated <= set(term["approved"]) for term in terms)


def test_korean_sign_with_pinanso_fails_the_check(tmp_path):
    """Regression for issue 17: 避難所 is 대피소 in Korean; 피난소 on a sign must fail the check."""
    root = _content_copy(tmp_path)
    _replace(root / "sheets" / "signs" / "reception.toml", 'ko = "대피소 폐쇄 안내"', 'ko = "피난소 폐쇄 안내"')
    problems = _problems(root)
    assert any(p.startswith("sign:shelter-closing:title [ko]") and "'피난소'" in p for p in problems), problems
    assert any(p.startswith("sign:shelter-closing:title [ko]") and "'대피소' not used" in p for p in problems)


def test_pointing_board_phrases_are_checked_against_the_termbase_too(tmp_path):
    """Issue 18: the boards' terms are in the termbase; a Thai interpreter cell without ล่าม fails the check."""
    root = _content_copy(tmp_path)
    _replace(root / "sheets" / "boards.toml", 'th = "ต้องการล่าม"', 'th = "ต้องการคนแปล"')
    problems = _problems(root)
    assert any(p.startswith("board:evacuee/interpreter:phrase [th]") and "'ล่าม' not used" in p for p in problems), \
        problems


@pytest.mark.parametrize("path, old, new, expected", [
    # Drift in the Japanese source itself: 支援物資 is the one form.
    ("sheets/signs/facilities.toml", 'ja = "支援物資"', 'ja = "救援物資"', "sign:relief-supplies:title [ja]: 支援物資: wrong variant"),
    # A chapter section is checked like a sign: the Thai shelter is ศูนย์พักพิง.
    ("locales/th/living/disasters.md", "ศูนย์พักพิง", "ศูนย์อพยพ", "chapter:disasters:"),
    # A UI catalog entry: the Level 4 order in English is an evacuation order.
    ("locales/en/LC_MESSAGES/messages.po", 'msgstr "Evacuation order or tsunami warning"',
     'msgstr "Evacuation instruction or tsunami warning"', "ui:Evacuation order or tsunami warning [en]"),
])
def test_check_names_the_unit_that_breaks_the_termbase(tmp_path, path, old, new, expected):
    root = _content_copy(tmp_path)
    _replace(root / path, old, new)
    assert any(p.startswith(expected) for p in _problems(root)), _problems(root)


def test_a_wrong_variant_that_is_another_terms_approved_form_is_allowed(tmp_path):
    """Vietnamese 'địa điểm sơ tán' is the evacuation site: fine in a unit about both places."""
    assert not [p for p in _problems(_content_copy(tmp_path)) if "chapter:disasters:s4 [vi]" in p]
