"""Redaction and login-wall rules, without a browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from capture.page.login_wall import judge
from capture.privacy import secrets
from capture.privacy.secrets import MARK, Redactions, is_secret_name

TOKEN = "tok-3f9a1c2b77e04d/abc+def=="


def test_secret_headers_are_redacted_by_name_and_their_values_learned() -> None:
    r = Redactions()
    out = r.headers([("Cookie", f"a=1; session={TOKEN}"), ("Accept", "text/html"),
                     ("Authorization", f"Bearer {TOKEN}x"), ("X-CSRF-Token", "c" * 20)], "warc_request_headers")
    assert out == [("Cookie", MARK), ("Accept", "text/html"), ("Authorization", MARK), ("X-CSRF-Token", MARK)]
    assert {TOKEN, TOKEN + "x", "c" * 20} <= r.values
    assert "1" not in r.values                       # too short to be searched for in ordinary text
    assert r.as_json()["removed"] == {"warc_request_headers": ["Authorization", "Cookie", "X-CSRF-Token"]}
    assert TOKEN not in json.dumps(r.as_json())


def test_set_cookie_attributes_are_not_taken_for_secrets() -> None:
    r = Redactions()
    r.headers([("Set-Cookie", f"sid={TOKEN}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Strict")], "h")
    assert r.values == frozenset({TOKEN})


@pytest.mark.parametrize("name", ["csrf_token", "authenticity_token", "fb_dtsg", "lsd", "X-XSRF-TOKEN", "sessionid",
                                  "access_token", "api_key", "password", "code", "id_token", "PHPSESSID",
                                  "X-Amz-Signature", "x-auth", "SAMLResponse", "key"])
def test_secret_names(name: str) -> None:
    assert is_secret_name(name)


@pytest.mark.parametrize("name", ["author", "description", "q", "page", "viewport", "og:title", "state", "x",
                                  "keywords", "zipcode", "authority"])
def test_ordinary_names(name: str) -> None:
    assert not is_secret_name(name)


def test_values_are_scrubbed_plain_url_encoded_json_escaped_and_in_quoted_printable() -> None:
    r = Redactions()
    r.add_value(TOKEN)
    data = (f"a {TOKEN} b tok-3f9a1c2b77e04d%2Fabc%2Bdef%3D%3D c tok-3f9a1c2b77e04d\\/abc+def== d").encode()
    cleaned, count = r.scrub_bytes(data)
    assert count == 3 and TOKEN.encode() not in cleaned and b"3f9a1c2b77e04d" not in cleaned
    mhtml = b"x tok-3f9a1c2b77=\r\ne04d/abc+def=3D=3D y"
    assert r.scrub_bytes(mhtml, quoted_printable=True) == (b"x REDACTED y", 1)


def test_urls_forms_and_json_bodies_lose_secret_values() -> None:
    r = Redactions()
    url = r.url(f"https://example.dk/cb?code={TOKEN}&page=2")
    assert TOKEN not in url and "page=2" in url and "code=REDACTED" in url
    form = r.body(f"fb_dtsg={TOKEN}&q=hej".encode(), "application/x-www-form-urlencoded")
    assert form == b"fb_dtsg=REDACTED&q=hej"
    body = r.body(json.dumps({"variables": {"csrf": TOKEN, "id": 7}}).encode(), "application/json")
    assert json.loads(body) == {"variables": {"csrf": MARK, "id": 7}}
    assert r.scrub_json({"steps": [{"url": f"https://x.dk/?t={TOKEN}"}]}) == {"steps": [{"url": "https://x.dk/?t=REDACTED"}]}


def _signs(text: str = "", password: int = 0, captcha: bool = False, title: str = "") -> dict[str, object]:
    return {"text": text, "password_fields": password, "captcha_markers": captcha, "title": title}


def test_login_wall_rules() -> None:
    plain = judge(_signs("Et opslag om jobcentret. Log ind for at kommentere."), url_requested="https://x.dk/p",
                  final_url="https://x.dk/p", status=200)
    assert plain["detected"] is False                                 # login words alone are not a wall
    form = judge(_signs("Log ind på Facebook", password=1), url_requested="https://x.dk/groups/1",
                 final_url="https://x.dk/groups/1", status=200)
    assert form["kind"] == "login"
    redirected = judge(_signs("Continue with SSO"), url_requested="https://x.dk/groups/1",
                       final_url="https://x.dk/login/?next=/groups/1", status=200)
    assert redirected["kind"] == "login" and "login address" in redirected["reasons"][0]
    forbidden = judge(_signs("Sign in to see this"), url_requested="https://x.dk/a", final_url="https://x.dk/a",
                      status=403)
    assert forbidden["kind"] == "login"
    robot = judge(_signs("Bekræft, at du ikke er en robot"), url_requested="https://x.dk/a",
                  final_url="https://x.dk/a", status=200)
    assert robot["kind"] == "robot_check" and "robot" in robot["message"]


def test_secret_parameters_are_redacted_in_the_query_and_in_a_fragment_written_like_one() -> None:
    r = Redactions()
    assert r.url(f"https://x.dk/cb?code={TOKEN}&x=1&q=a+b%2Fc#top") == "https://x.dk/cb?code=REDACTED&x=1&q=a+b%2Fc#top"
    assert r.url(f"https://x.dk/#access_token={TOKEN}x&state=abc&expires_in=3600") == \
        "https://x.dk/#access_token=REDACTED&state=abc&expires_in=3600"
    assert r.url(f"/app#/cb?id_token={TOKEN}y&page=2") == "/app#/cb?id_token=REDACTED&page=2"
    assert r.url(f"https://s3.x/f?X-Amz-Signature={TOKEN}z&X-Amz-Credential=AKIAEXAMPLE1") == \
        "https://s3.x/f?X-Amz-Signature=REDACTED&X-Amz-Credential=REDACTED"
    assert {TOKEN, TOKEN + "x", TOKEN + "y", TOKEN + "z", "AKIAEXAMPLE1"} <= r.values
    assert r.as_json()["removed"] == {"url_parameters": ["X-Amz-Credential", "X-Amz-Signature", "access_token",
                                                         "code", "id_token"]}
    before = r.as_json()["counts"]
    assert r.url("https://x.dk/cb?code=REDACTED&x=1") == "https://x.dk/cb?code=REDACTED&x=1"
    assert r.as_json()["counts"] == before                  # redacting again changes nothing, counts nothing
    for plain in ("https://x.dk/a?b=c#section-2", "https://x.dk/#/feed", "not a url", ""):
        assert r.url(plain) == plain


def test_every_address_in_the_facts_is_redacted_by_its_key() -> None:
    r = Redactions()
    facts = {"url_requested": f"https://x.dk/?sid={TOKEN}", "final_url": f"https://x.dk/#code={TOKEN}",
             "redirects": [{"url": f"https://x.dk/?code={TOKEN}", "status": 302, "location": f"/b?token={TOKEN}"}],
             "overlays": {"clicks": [{"frame_url": f"https://cmp.x/?session={TOKEN}"}]},
             "title": f"?code={TOKEN}"}
    out = r.urls_in(facts)
    assert TOKEN not in json.dumps({k: v for k, v in out.items() if k != "title"})
    assert out["title"] == facts["title"]                 # not an address: left to the by-value search
    assert r.scrub_json(out)["title"] == "?code=REDACTED"


def test_the_secret_names_in_bundle_format_md_are_those_in_the_code() -> None:
    doc = (Path(__file__).resolve().parents[3] / "docs" / "bundle-format.md").read_text("utf-8")
    section = doc.split("\n## Secrets\n", 1)[1].split("\n## ", 1)[0]
    headers = section.split("one of the headers", 1)[1].split("; or", 1)[0]
    assert re.findall(r"`([^`]+)`", headers) == list(secrets.SECRET_HEADERS)
    for lead, names in (("holds anywhere:", secrets.SECRET_NAME_PARTS),
                        ("its ends): ", secrets.SECRET_NAME_WORDS), ("is exactly:", secrets.SECRET_NAMES)):
        listed = section.split(lead, 1)[1].split(";", 1)[0].split(".\n", 1)[0]
        assert re.findall(r"`([^`]+)`", listed) == list(names), lead
    assert "capture/privacy/secrets.py" in section
