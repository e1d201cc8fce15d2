"""Facts about how the page was fetched: status, headers, redirects, server, TLS."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from capture.facts import ResponseFacts
from capture.steplog import bounded

if TYPE_CHECKING:
    from playwright.sync_api import Request, Response

MAX_HEADER_VALUE = 8192


def _iso(epoch: float | int | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(float(epoch), UTC).isoformat().replace("+00:00", "Z")


def redirect_chain(response: Response) -> list[dict[str, Any]]:
    """Every hop before the final response, oldest first."""
    hops: list[dict[str, Any]] = []
    request: Request | None = response.request.redirected_from
    while request is not None:
        hop = request.response()
        hops.append({
            "url": request.url,
            "status": hop.status if hop else None,
            "location": bounded(hop.header_value("location")) if hop else None,
        })
        request = request.redirected_from
    hops.reverse()
    return hops


def headers(response: Response) -> list[list[str]]:
    return [[h["name"], bounded(h["value"], MAX_HEADER_VALUE)] for h in response.headers_array()]


def tls_summary(response: Response, *, errors_ignored: bool) -> dict[str, Any] | None:
    details = response.security_details()
    if not details:
        return None
    return {
        "protocol": details.get("protocol"),
        "subject": details.get("subjectName"),
        "issuer": details.get("issuer"),
        "valid_from": _iso(details.get("validFrom")),
        "valid_to": _iso(details.get("validTo")),
        "errors_ignored": errors_ignored,
    }


def server_address(response: Response) -> dict[str, Any] | None:
    addr = response.server_addr()
    if not addr:
        return None
    return {"ip": addr.get("ipAddress"), "port": addr.get("port")}


def media_type(response: Response) -> str:
    value = response.header_value("content-type") or ""
    return value.split(";", 1)[0].strip().lower() or "application/octet-stream"


def response_facts(response: Response, *, errors_ignored: bool) -> ResponseFacts:
    return ResponseFacts(
        http_status=response.status,
        status_text=bounded(response.status_text, 200),
        response_headers=headers(response),
        redirects=redirect_chain(response),
        server=server_address(response),
        tls=tls_summary(response, errors_ignored=errors_ignored),
        media_type=media_type(response),
    )
