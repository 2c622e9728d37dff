"""`flask board demo`: an exercise scenario in the configured database, loaded through the same services as the UI."""
import datetime

from ..auth import users
from ..db import get_db
from . import disasters, offers, registry
from . import requests as staffing
from .times import JST

DEMO_PASSWORD = "demo-password-2026"
# (e-mail, name, role, jurisdiction)
PEOPLE = (
    ("secretariat@example.jp", "事務局 佐藤", "secretariat", "東京都"),
    ("ishikawa@example.jp", "石川 恵", "coordinator", "石川県"),
    ("ishikawa-member@example.jp", "石川 太郎", "member", "石川県"),
    ("fukui@example.jp", "福井 健", "coordinator", "福井県"),
    ("toyama@example.jp", "富山 由美", "coordinator", "富山県"),
    ("osaka@example.jp", "Maria Santos", "coordinator", "大阪府"),
)
CHAIRS = {"東海北陸": "福井県", "近畿": "大阪府"}


def _association_id(jurisdiction):
    return get_db().execute("select id from association where jurisdiction = ?", [jurisdiction]).fetchone()[0]


def _users():
    made = {}
    for email, name, role, jurisdiction in PEOPLE:
        made[email.split("@")[0]] = users.create_user(email, name, role, _association_id(jurisdiction),
                                                      DEMO_PASSWORD, "en" if email.startswith("osaka") else "ja")
    for block in registry.blocks():
        if block["name"] in CHAIRS:
            registry.set_chair(block["id"], _association_id(CHAIRS[block["name"]]), made["secretariat"])
    # Reload so chair rights are part of each user.
    return {key: users.load_user(user.id) for key, user in made.items()}


def load_demo():
    """Load the scenario once; returns the lines to print (who can log in, and what happened)."""
    db = get_db()
    registry.seed()
    if db["disaster"].count:
        return ["The board already has disasters; demo not loaded again."]
    u = _users()
    today = datetime.datetime.now(JST).date()

    def day(n):
        return (today + datetime.timedelta(days=n)).isoformat()

    def deadline(hours):
        moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=hours)
        return moment.replace(microsecond=0).isoformat()

    disaster_id = disasters.open_disaster(u["ishikawa"], "【訓練】能登地方を震源とする地震", "earthquake", day(-2),
                                         u["ishikawa"].association_id)
    disasters.save_support_center(u["ishikawa"], disaster_id, "石川県国際交流センター 2階 (金沢市)", "9:00–20:00",
                                 "076-000-0000")
    center = staffing.create_request(
        u["ishikawa"], disaster_id, "center", "石川県災害多言語支援センター", ["interpreting", "phone"],
        "ホテル手配済み（金沢駅前）", "金沢駅から送迎あり", deadline(30),
        [{"task": "interpreting", "language": "vi", "headcount": 2, "start_date": day(1), "end_date": day(7)},
         {"task": "interpreting", "language": "zh-Hans", "headcount": 1, "start_date": day(1), "end_date": day(5)},
         {"task": "interpreting", "language": "en", "headcount": 1, "start_date": day(1), "end_date": day(4)}], publish=True)
    shelter = staffing.create_request(
        u["ishikawa"], disaster_id, "shelter", "七尾市 避難所（七尾小学校）", ["shelter_rounds", "interpreting"],
        "避難所近くの公民館に宿泊", "七尾駅から徒歩15分", deadline(6),
        [{"task": "interpreting", "language": "ne", "headcount": 1, "start_date": day(0), "end_date": day(4)},
         {"task": "interpreting", "language": "id", "headcount": 1, "start_date": day(1), "end_date": day(4)},
         {"task": "interpreting", "language": "tl", "headcount": 1, "start_date": day(2), "end_date": day(6)}], publish=True)
    staffing.create_request(
        u["ishikawa"], disaster_id, "center", "石川県災害多言語支援センター", ["translation", "sns", "easy_japanese"],
        "オンライン可", "", deadline(72),
        [{"task": "translation", "language": "my", "headcount": 1, "start_date": day(1), "end_date": day(10)},
         {"task": "translation", "language": "th", "headcount": 1, "start_date": day(1), "end_date": day(10)},
         {"task": "translation", "language": "ja-easy", "headcount": 1, "start_date": day(1), "end_date": day(10)}], publish=True)

    offers.make_offer(u["toyama"], center, "2名とも運転免許あり", [
        {"name": "Nguyen Thi Lan", "languages": ["vi"], "available_from": day(1), "available_to": day(7)},
        {"name": "王 芳", "languages": ["zh-Hans", "zh-Hant"], "available_from": day(2), "available_to": day(5)}])
    lan = _person_id("Nguyen Thi Lan")
    vi_line = _line_id(u["ishikawa"], center, "vi")
    offers.accept_person(u["ishikawa"], lan, vi_line)

    staffing.escalate(u["fukui"], shelter, deadline(48), "ブロック内にネパール語の通訳者がいないため")
    offers.make_offer(u["osaka"], shelter, "", [
        {"name": "Bishnu Gurung", "languages": ["ne", "en"], "available_from": day(0), "available_to": day(3)}])
    ne_line = _line_id(u["ishikawa"], shelter, "ne")
    dispatch_id = offers.accept_person(u["ishikawa"], _person_id("Bishnu Gurung"), ne_line)
    offers.set_dispatch_status(u["osaka"], dispatch_id, "on_site")

    return [f"Board demo loaded: disaster {disaster_id}, 3 requests, offers from 富山県 and 大阪府, 1 escalation.",
            f"Log in at /ja/account/login with password {DEMO_PASSWORD!r} as:"] + [
        f"  {email:30} {role}{' (block chair)' if jurisdiction in CHAIRS.values() else ''}, {jurisdiction}"
        for email, _name, role, jurisdiction in PEOPLE]


def _line_id(user, request_id, language):
    return next(line.id for line in staffing.get_request(user, request_id).lines if line.language == language)


def _person_id(name):
    return get_db().execute("select id from offered_person where name = ? order by id desc", [name]).fetchone()[0]
