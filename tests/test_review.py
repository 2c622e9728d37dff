"""Review by fluent readers in the app (issue 17): queues, approve / edit / flag, outdated, coverage, export."""
import re
import shutil
from pathlib import Path

from conftest import BOARD_PEOPLE, csrf_from, visible_text

ROOT = Path(__file__).resolve().parents[1]
TITLE = "sign:shelter-closing:title"


def make_reviewer(runner, who="ishikawa", languages="ko"):
    result = runner.invoke(args=["users", "reviewer", BOARD_PEOPLE[who][0], "--languages", languages])
    assert result.exit_code == 0, result.output


def act(client, code, part, unit, action, q="", **fields):
    page = client.get(f"/en/review/{code}/{part}", query_string={"q": q})
    return client.post(f"/en/review/{code}/{part}", data={
        "csrf_token": csrf_from(page), "unit": unit, "action": action, "q": q, **fields}, follow_redirects=True)


def coverage_counts(client, part, code):
    html = client.get("/en/review/coverage").get_data(as_text=True)
    table = html[html.index(f'data-part="{part}"'):]
    row = table[table.index(f'data-code="{code}"'):]
    return {state: int(re.search(rf'data-state="{state}">(\d+)<', row).group(1))
            for state in ("draft", "reviewed", "outdated", "flagged")}


def status_counts(runner, part, code):
    output = runner.invoke(args=["translate", "status"]).output
    block = output[output.index(f"\n{part}\n") if f"\n{part}\n" in output else output.index(f"{part}\n"):]
    line = next(line for line in block.splitlines() if line.split()[:1] == [code])
    return {state: int(value) for state, value in re.findall(r"(\w+)\s+(\d+)", line)}


def test_review_queue_is_only_for_the_reviewer_languages(board, runner):
    make_reviewer(runner, languages="ko,th")
    coordinator = board.client("ishikawa")
    assert coordinator.get("/en/review/ko/sign").status_code == 200
    assert coordinator.get("/en/review/vi/sign").status_code == 403
    assert board.client("toyama").get("/en/review/ko/sign").status_code == 403
    assert "You have no languages to review" in board.client("toyama").get("/en/review/").get_data(as_text=True)


def test_queue_shows_source_text_status_and_termbase_hits(board, runner):
    make_reviewer(runner)
    page = " ".join(visible_text(board.client("ishikawa").get("/en/review/ko/sign",
                                                              query_string={"q": "shelter-closing"})).split())
    assert "避難所閉鎖のお知らせ" in page and "대피소 폐쇄 안내" in page
    assert "避難所 → 대피소" in page and "draft" in page


def test_approve_edit_and_flag_change_status_coverage_and_status_command_alike(board, runner):
    make_reviewer(runner)
    client = board.client("ishikawa")
    before = coverage_counts(client, "sign", "ko")
    assert before == {"draft": 182, "reviewed": 0, "outdated": 0, "flagged": 0}
    assert "Approved." in visible_text(act(client, "ko", "sign", "sign:toilet:title", "approve"))
    response = act(client, "ko", "sign", TITLE, "edit", text="대피소 운영 종료 안내")
    assert "Saved. The new text is used from now on." in visible_text(response)
    assert "Write what is wrong." in visible_text(act(client, "ko", "sign", "sign:toilet:detail", "flag", comment=" "))
    assert "Flagged." in visible_text(act(client, "ko", "sign", "sign:toilet:detail", "flag", comment="존댓말 통일"))
    after = coverage_counts(client, "sign", "ko")
    assert after == {"draft": 180, "reviewed": 2, "outdated": 0, "flagged": 1}
    assert status_counts(runner, "sign", "ko") == after
    assert board.query("select count(*) as n from translation_review")[0]["n"] == 3  # history is kept
    act(client, "ko", "sign", TITLE, "edit", text="대피소 폐쇄 안내")
    page = " ".join(visible_text(client.get("/en/review/ko/sign", query_string={"q": "shelter-closing"})).split())
    assert "History (2)" in page and "Save the edit: 대피소 운영 종료 안내" in page


def test_edit_keeps_placeholders(board, runner):
    make_reviewer(runner)
    response = act(board.client("ishikawa"), "ko", "sign", "sign:shelter-closing:detail", "edit", text="곧 폐쇄됩니다.")
    assert "Keep the placeholders" in visible_text(response)
    assert board.query("select count(*) as n from translation_review")[0]["n"] == 0


def test_a_changed_japanese_source_makes_the_review_outdated(board, runner):
    make_reviewer(runner)
    client = board.client("ishikawa")
    act(client, "ko", "sign", TITLE, "edit", text="대피소 운영 종료 안내")
    # As if the Japanese title had been rewritten after the review: the stored source hash no longer matches.
    board.execute("update translation_review set source_hash = '000000000000'")
    assert coverage_counts(client, "sign", "ko")["outdated"] == 1
    assert "대피소 폐쇄 안내" in visible_text(client.get("/en/review/ko/sign", query_string={"q": "shelter-closing"}))


def test_reviewed_edit_is_printed_at_once(board, runner, client):
    make_reviewer(runner)
    act(board.client("ishikawa"), "ko", "sign", TITLE, "edit", text="대피소 운영 종료 안내")
    page = client.get("/ko/sheets/shelter-closing")
    response = client.post("/ko/sheets/shelter-closing", data={
        "csrf_token": csrf_from(page), "lang1": "ko", "lang2": "ja", "size": "A4", "orientation": "portrait",
        "shelter": "", "fill_date": "", "action": "print"})
    assert response.status_code == 302
    assert "대피소 운영 종료 안내" in visible_text(client.get(response.headers["Location"]))


def test_export_reviews_writes_the_content_files(board, runner, app, tmp_path):
    make_reviewer(runner)
    client = board.client("ishikawa")
    act(client, "ko", "sign", TITLE, "edit", text="대피소 운영 종료 안내")
    act(client, "ko", "sign", "sign:shelter-closing:detail", "approve")
    act(client, "ko", "ui", "ui:Shelter", "approve", q="Shelter")
    for folder in ("sheets", "pictograms"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copytree(ROOT / "locales", tmp_path / "locales", ignore=shutil.ignore_patterns("*.mo"))
    from disaster_support.review.export import export_reviews

    with app.app_context():
        assert export_reviews(tmp_path) == 3
    signs = (tmp_path / "sheets" / "signs" / "reception.toml").read_text(encoding="utf-8")
    assert 'ko = "대피소 운영 종료 안내"' in signs
    assert re.search(r'\[sign\.reviewed\]\nko = "\d{4}-\d\d-\d\d ishikawa ja:[0-9a-f]{12}"', signs)
    po = (tmp_path / "locales" / "ko" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert re.search(r'# ja:[0-9a-f]{12} \d{4}-\d\d-\d\d ishikawa\n#, reviewed\nmsgid "Shelter"\n', po)
    import tomllib

    with open(tmp_path / "sheets" / "signs" / "reception.toml", "rb") as handle:
        tomllib.load(handle)  # still valid TOML


def test_export_reviews_writes_a_chapter_section_and_a_pictogram_name(board, runner, app, tmp_path):
    make_reviewer(runner, languages="vi")
    client = board.client("ishikawa")
    act(client, "vi", "pictogram", "pictogram:evacuation-shelter:name", "edit", q="evacuation-shelter", text="Nơi lánh nạn (trú ẩn)")
    section = "chapter:disasters:s1"
    page = client.get("/en/review/vi/chapter", query_string={"q": section})
    old = re.search(r'<textarea name="text"[^>]*>([^<]*)</textarea>', page.get_data(as_text=True)).group(1)
    import html

    new = html.unescape(old).replace("110", "110 (Cảnh sát)", 1)
    act(client, "vi", "chapter", section, "edit", q=section, text=new)
    for folder in ("sheets", "pictograms"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copytree(ROOT / "locales", tmp_path / "locales", ignore=shutil.ignore_patterns("*.mo"))
    from disaster_support.review.export import export_reviews

    with app.app_context():
        assert export_reviews(tmp_path) == 2
    chapter = (tmp_path / "locales" / "vi" / "living" / "disasters.md").read_text(encoding="utf-8")
    original = (ROOT / "locales" / "vi" / "living" / "disasters.md").read_text(encoding="utf-8")
    assert "110 (Cảnh sát)" in chapter and 'status = "draft"' in chapter  # one section: the chapter stays draft
    assert chapter.replace("110 (Cảnh sát)", "110", 1) == original  # nothing else in the file changed
    names = (tmp_path / "pictograms" / "names.toml").read_text(encoding="utf-8")
    assert 'vi = "Nơi lánh nạn (trú ẩn)"' in names


def test_reviewed_message_edit_is_what_the_composer_gives(board, runner, client):
    make_reviewer(runner, languages="en")
    act(board.client("ishikawa"), "en", "message", "message:evacuation-order:title", "edit", q="evacuation-order",
        text="Evacuation order (Level 4)")
    assert "Evacuation order (Level 4)" in visible_text(client.get("/en/messages/evacuation-order"))


def test_an_exported_review_reads_outdated_when_the_japanese_changes(tmp_path):
    from disaster_support.quality.units import source_hash, ui_units

    shutil.copytree(ROOT / "locales", tmp_path / "locales", ignore=shutil.ignore_patterns("*.mo", "living"))
    po = tmp_path / "locales" / "ko" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    japanese = next(u for u in ui_units(ROOT) if u.id == "Shelter").source
    entry = f'# ja:{source_hash(japanese)} 2026-12-02 reader\n#, reviewed\nmsgid "Shelter"\n'
    po.write_text(text.replace('#, draft\nmsgid "Shelter"\n', entry, 1), encoding="utf-8")
    assert next(u for u in ui_units(tmp_path) if u.id == "Shelter").statuses["ko"] == "reviewed"
    ja = tmp_path / "locales" / "ja" / "LC_MESSAGES" / "messages.po"
    ja.write_text(ja.read_text(encoding="utf-8").replace(f'msgid "Shelter"\nmsgstr "{japanese}"',
                                                         'msgid "Shelter"\nmsgstr "避難する場所"', 1), encoding="utf-8")
    assert next(u for u in ui_units(tmp_path) if u.id == "Shelter").statuses["ko"] == "outdated"
