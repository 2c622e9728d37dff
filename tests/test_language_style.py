"""Easy Japanese rules and per-language conventions in `flask translate check` (issue 17)."""
import shutil
from pathlib import Path

import pytest

from disaster_support.quality.checks import content_problems

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def content(tmp_path):
    """A copy of every content file and the rule files, for a test to break."""
    for folder in ("sheets", "pictograms", "terms"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("svg", "overlays"))
    shutil.copytree(ROOT / "locales", tmp_path / "locales", ignore=shutil.ignore_patterns("*.mo"))
    return tmp_path


def _break(root, path, old, new):
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text, (path, old)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return content_problems(root, root / "terms")[0]


TOILET_EASY = 'ja-easy = "みんなが ｜使《つか》う トイレです。 きれいに ｜使《つか》いましょう。"'


@pytest.mark.parametrize("new, expected", [
    # Issue 17: 82 sign texts dropped the final 。
    ('ja-easy = "みんなが ｜使《つか》う トイレです。 きれいに ｜使《つか》いましょう"', "sentence does not end with '。'"),
    ('ja-easy = "みんなが 使う トイレです。 きれいに ｜使《つか》いましょう。"', "kanji without a reading: 使"),
    ('ja-easy = "スタッフが そうじ します。 きれいに ｜使《つか》いましょう。"', "loanword 'スタッフ'"),
    ('ja-easy = "きれいに ｜使《つか》わなければ なりません。"', "double negative"),
    ('ja-easy = "みんなが ｜使《つか》う トイレなので、よごれたら ふいて、かみは ながして、'
     'てを あらって、でる ときは でんきを けして ください。"', "sentence of"),
])
def test_easy_japanese_rules_name_the_unit(content, new, expected):
    problems = _break(content, "sheets/signs/facilities.toml", TOILET_EASY, new)
    assert any(p.startswith("sign:toilet:detail [ja-easy]") and expected in p for p in problems), problems


def test_burmese_native_digits_fail_the_check(content):
    problems = _break(content, "sheets/signs/facilities.toml", 'my = "အားလုံး အတူသုံးသော',
                      'my = "၁၅ အားလုံး အတူသုံးသော')
    assert any(p.startswith("sign:toilet:detail [my]: native digits '၁၅'") for p in problems), problems


def test_thai_sentence_with_a_period_fails_but_the_hour_abbreviation_does_not(content):
    problems = _break(content, "sheets/signs/facilities.toml", 'ช่วยกันรักษาความสะอาด"', 'ช่วยกันรักษาความสะอาด."')
    assert any(p.startswith("sign:toilet:detail [th]: sentence ends with '.'") for p in problems), problems
    assert not [p for p in problems if "sign:food-distribution:detail [th]" in p]  # "… {time} น." is fine


def test_nepali_sentence_needs_the_danda(content):
    problems = _break(content, "sheets/signs/facilities.toml", "कृपया सफा राख्नुहोस्।", "कृपया सफा राख्नुहोस्")
    assert any(p.startswith("sign:toilet:detail [ne]: sentence does not end with '।'") for p in problems)
