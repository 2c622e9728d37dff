"""Facts that fluent review found missing or wrong (issue 17), checked in every language."""
import pytest

from disaster_support.i18n import CODES, plain
from disaster_support.catalog import catalog
from disaster_support.living.content import load_chapter, translation_state


@pytest.mark.parametrize("code", CODES)
def test_disasters_chapter_covers_heatstroke_alerts_and_cooling_shelters(code):
    chapter = load_chapter("disasters", code)
    heat = [s for s in chapter.sections if "熱中症特別警戒アラート" in plain(s.text)]
    assert len(heat) == 1, code
    assert "熱中症警戒アラート" in plain(heat[0].text) and "119" in heat[0].text
    assert translation_state("disasters", code) == "draft"  # written by us: draft, never reviewed


def test_level_5_is_happening_or_imminent_in_the_japanese_messages():
    for message_id in ("evacuation-information-levels", "flood-alert-levels"):
        assert "今にも起きそう" in catalog().messages[message_id].body["ja"]


def test_easy_japanese_keeps_the_reason_in_the_six_month_rule():
    source = load_chapter("marriage-divorce", "ja")
    easy = load_chapter("marriage-divorce", "ja-easy")
    rule = [s for s in easy.sections if "6か" in plain(s.text) and "在留資格" in plain(s.text)]
    assert "理由なく" in source.sections[3].text
    assert any("理由" in plain(s.text) for s in rule)
