from pathlib import Path
import shutil

from babel.messages.pofile import read_po, write_po

from disaster_support.translate import catalog_problems

ROOT = Path(__file__).resolve().parents[1]


def test_translate_check_passes_for_the_shipped_catalogs(runner):
    result = runner.invoke(args=["translate", "check"])
    assert result.exit_code == 0, result.output
    assert "All 15 catalogs complete." in result.output


def test_every_entry_is_draft_or_reviewed_and_nothing_claims_review(runner):
    for po in ROOT.glob("locales/*/LC_MESSAGES/messages.po"):
        with open(po, "rb") as handle:
            for message in read_po(handle):
                if message.id:
                    assert {"draft", "reviewed"} & message.flags, (po, message.id)
                    # No fluent reader has checked anything yet; "reviewed" would be a false claim.
                    assert "reviewed" not in message.flags, (po, message.id)


def _broken_copy(tmp_path, edit):
    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", locales, ignore=shutil.ignore_patterns("*.mo", "living"))
    po = locales / "th" / "LC_MESSAGES" / "messages.po"
    with open(po, "rb") as handle:
        catalog = read_po(handle)
    edit(catalog)
    with open(po, "wb") as handle:
        write_po(handle, catalog, width=0)
    return catalog_problems(ROOT / "messages.pot", locales)


def test_check_names_a_changed_placeholder(tmp_path):
    msgid = "The request could not be completed (error %(code)s)."

    def edit(catalog):
        catalog[msgid].string = "ไม่สามารถดำเนินการได้ (%(number)s)"

    problems = [str(p) for p in _broken_copy(tmp_path, edit)]
    assert any(p.startswith("th: placeholders differ") and msgid in p for p in problems)


def test_check_names_missing_and_fuzzy_entries(tmp_path):
    def edit(catalog):
        catalog["Police"].string = ""
        catalog["Pictograms"].flags.add("fuzzy")

    problems = [str(p) for p in _broken_copy(tmp_path, edit)]
    assert "th: missing translation: 'Police'" in problems
    assert any(p.startswith("th: fuzzy") and "'Pictograms'" in p for p in problems)
