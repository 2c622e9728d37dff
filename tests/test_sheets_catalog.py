"""The phrase catalog: complete in 15 languages, consistent, and validated when loaded."""
import shutil
from pathlib import Path

import pytest

from disaster_support.catalog import PLACEHOLDER, CatalogError, catalog, load_catalog
from disaster_support.i18n import CODES

ROOT = Path(__file__).resolve().parents[1]


def test_catalog_has_at_least_60_signs_in_all_15_languages():
    signs = catalog().signs
    assert len(signs) >= 60
    for sign in signs.values():
        assert set(sign.title) == set(CODES)
        assert all(text.strip() for text in sign.title.values()), sign.id


def test_every_detail_uses_exactly_its_fields_in_every_language():
    for sign in catalog().signs.values():
        names = {field.name for field in sign.fields}
        for code, text in sign.body.items():
            assert set(PLACEHOLDER.findall(text)) == names, (sign.id, code)


def test_every_sign_points_at_an_existing_pictogram():
    for sign in catalog().signs.values():
        assert (ROOT / "pictograms" / "svg" / f"{sign.pictogram}.svg").exists(), sign.id


# Issue 18: these signs showed a picture of something else (cold tap for hot water, police for valuables...).
@pytest.mark.parametrize("sign_id,pictogram", [
    ("hot-water", "hot-water"), ("food-allergies", "allergy"), ("valuables", "valuables"),
    ("unsafe-building", "unsafe-building"), ("keep-passages-clear", "keep-passages-clear"),
    ("blood-clot-warning", "blood-clot"),
])
def test_sign_shows_the_pictogram_of_its_own_meaning(sign_id, pictogram):
    assert catalog().signs[sign_id].pictogram == pictogram


def test_catalog_covers_the_shelter_basics():
    titles = " ".join(sign.title["en"].lower() for sign in catalog().signs.values())
    for word in ("reception", "drinking water", "toilet", "first aid", "no smoking", "lights", "aftershock",
                 "tsunami", "wi-fi", "charging", "interpreter", "embassy"):
        assert word in titles, word


def test_easy_japanese_carries_readings():
    with_kanji = [s for s in catalog().signs.values() if any("\u4e00" <= ch <= "\u9fff" for ch in s.title["ja-easy"])]
    for sign in with_kanji:
        assert "《" in sign.title["ja-easy"], sign.id


@pytest.fixture
def broken_catalog(tmp_path):
    sheets = tmp_path / "sheets"
    shutil.copytree(ROOT / "sheets", sheets)
    return sheets


def _edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_validation_names_missing_language_bad_placeholder_and_unknown_pictogram(broken_catalog):
    first_file = sorted((broken_catalog / "signs").glob("*.toml"))[0]
    text = first_file.read_text()
    first_id = text.split('id = "', 1)[1].split('"', 1)[0]
    _edit(first_file, f'id = "{first_id}"\npictogram = "', f'id = "{first_id}"\npictogram = "no-such-picture-')
    shutil.copy(first_file, broken_catalog / "signs" / "copy.toml")
    with pytest.raises(CatalogError) as caught:
        load_catalog(broken_catalog, ROOT / "pictograms")
    problems = "\n".join(caught.value.problems)
    assert f"sign {first_id}: pictogram 'no-such-picture-" in problems
    assert f"sign {first_id}: duplicate id" in problems
    assert "copy.toml: 'copy' is not a sign category" in problems


def test_validation_names_a_missing_translation_and_a_changed_placeholder(broken_catalog):
    path = next(p for p in (broken_catalog / "signs").glob("*.toml") if "{" in p.read_text())
    lines = path.read_text().splitlines()
    th_line = next(i for i, line in enumerate(lines) if line.startswith("th = ") and "{" in line)
    lines[th_line] = lines[th_line].replace("{", "{x", 1)
    my_line = next(i for i, line in enumerate(lines) if line.startswith("my = "))
    lines[my_line] = 'my = ""'
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(CatalogError) as caught:
        load_catalog(broken_catalog, ROOT / "pictograms")
    problems = "\n".join(caught.value.problems)
    assert "[th]: placeholders" in problems
    assert ": missing my" in problems


def test_pictogram_docs_table_covers_every_sign_with_its_pictogram():
    """docs/pictograms.md lists each sign with the pictogram it really shows (issue 18)."""
    table = (ROOT / "docs" / "pictograms.md").read_text(encoding="utf-8")
    for sign in catalog().signs.values():
        assert f"| `{sign.id}` | {sign.title['en']} ({sign.title['ja']}) | `{sign.pictogram}` |" in table, sign.id
    for picture in ("hot-water-before-48.png", "quiet-after-240.png"):
        assert f"pictograms/{picture}" in table and (ROOT / "docs" / "pictograms" / picture).is_file()
