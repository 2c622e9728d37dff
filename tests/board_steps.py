"""Steps a coordinator takes on the board, through the HTTP client as a browser would."""
import datetime
import re

from conftest import csrf_from


def day(n):
    return (datetime.date.today() + datetime.timedelta(days=n)).isoformat()


def open_disaster(client, title="Earthquake exercise"):
    page = client.get("/en/board/disasters/new")
    association = re.search(r'<option selected value="(\d+)"|<option value="(\d+)"', page.get_data(as_text=True))
    response = client.post("/en/board/disasters/new", data={
        "csrf_token": csrf_from(page), "title": title, "kind": "earthquake", "started_on": day(-1),
        "affected_association": association.group(1) or association.group(2)})
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def post_request(client, disaster_id, lines, site="Nanao shelter", deadline=None, action="publish", **extra):
    """Post a request with `lines` = [(language, headcount, first day, last day)]; returns the response."""
    page = client.get(f"/en/board/disasters/{disaster_id}/requests/new")
    data = {"csrf_token": csrf_from(page), "site_kind": "shelter", "site_name": site, "tasks": ["interpreting"],
            "deadline": deadline or (datetime.datetime.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
            "lodging": "", "transport": "", "action": action}
    for n, (language, headcount, first, last) in enumerate(lines):
        data.update({f"lines-{n}-language": language, f"lines-{n}-headcount": str(headcount),
                     f"lines-{n}-start_date": first, f"lines-{n}-end_date": last})
    data.update(extra)
    return client.post(f"/en/board/disasters/{disaster_id}/requests/new", data=data)


def request_id_of(response):
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def offer(client, request_id, people, note=""):
    """Offer `people` = [(name, [languages], from, to)]; returns the response."""
    page = client.get(f"/en/board/requests/{request_id}/offer")
    data = {"csrf_token": csrf_from(page), "note": note}
    for n, (name, languages, first, last) in enumerate(people):
        data.update({f"people-{n}-name": name, f"people-{n}-languages": languages,
                     f"people-{n}-available_from": first, f"people-{n}-available_to": last})
    return client.post(f"/en/board/requests/{request_id}/offer", data=data)


def csrf_of(client, request_id):
    return csrf_from(client.get(f"/en/board/requests/{request_id}"))


def decide(client, request_id, person_id, decision, line_id=None, token=None, period=None):
    """Accept (for a line, optionally over `period` = (first, last day)) or decline an offered person."""
    data = {"csrf_token": token or csrf_of(client, request_id), "request_id": request_id}
    if line_id is not None:
        data["line_id"] = line_id
    if period is not None:
        data["period"] = f"{line_id}:{period[0]}:{period[1]}"
    return client.post(f"/en/board/people/{person_id}/{decision}", data=data, follow_redirects=True)


def request_action(client, request_id, action, reason="Exercise ends", **extra):
    """Publish a draft, or cancel / close / escalate after the confirmation page, giving `reason`."""
    if action == "publish":
        return client.post(f"/en/board/requests/{request_id}/publish",
                           data={"csrf_token": csrf_of(client, request_id)}, follow_redirects=True)
    page = client.get(f"/en/board/requests/{request_id}/{action}")
    data = dict({"csrf_token": csrf_from(page), "reason": reason}, **extra)
    if action == "escalate":
        data.setdefault("deadline", (datetime.datetime.now() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"))
    return client.post(f"/en/board/requests/{request_id}/{action}", data=data, follow_redirects=True)
