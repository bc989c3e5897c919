"""Upcoming events: the dated items of the ongoing work, and ``.ics`` files for calendars.

An item of ongoing work is an event when it has a date or a time (``starts_at`` or
``start_date``): workshops, webinars, meetings, whatever its kind in the ``work_kinds``
vocabulary. Events are sorted by their start; an event is *upcoming* when its last day is today
or later.

Calendar files follow RFC 5545. A time without a UTC offset (as the catalogue gives them) is
Swedish local time and is written with ``TZID=Europe/Stockholm`` and a ``VTIMEZONE`` that
describes Swedish time (CET/CEST, the EU rules), so that Outlook, Thunderbird and phones place it
right wherever the reader is; a time with an offset is written in UTC. An event with only dates
is an all-day event (``VALUE=DATE``, the end day exclusive). An event with a start time but no
end time has no ``DTEND`` (RFC 5545: it ends when it starts). ``UID`` is the work item's id
followed by ``@tfbb-katalog``, so saving the same event again updates it in the calendar.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar
from urllib.parse import quote

from tfbb_desktop.core.outputs.contacts import escape_text, fold
from tfbb_desktop.core.store.queries import Link, format_when

PRODID = "-//TFBB//TFBB Katalog//SV"
TZID = "Europe/Stockholm"
UID_SUFFIX = "@tfbb-katalog"
_URI_SAFE = "".join(chr(i) for i in range(33, 127))
T = TypeVar("T", date, datetime)

VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


@dataclass(frozen=True)
class Event:
    work_id: str
    title: str
    kind: str
    status: str
    summary: str
    location: str
    start: date | datetime
    end: date | datetime | None
    when: str
    links: tuple[Link, ...] = ()

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def first_day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def last_day(self) -> date:
        end = self.end if self.end is not None else self.start
        day = end.date() if isinstance(end, datetime) else end
        return max(day, self.first_day)

    @property
    def url(self) -> str:
        return self.links[0].url if self.links else ""

    def sort_key(self) -> tuple[str, str, str]:
        start = self.start
        if isinstance(start, datetime) and start.tzinfo is not None:
            start = start.astimezone(UTC).replace(tzinfo=None)
        return (start.isoformat(), self.title, self.work_id)


def _parse(kind: type[T], text: str | None) -> T | None:
    """A date or time of the catalogue (``date``: its first ten characters), None if none."""
    try:
        return kind.fromisoformat(text[:10] if kind is date else text) if text else None
    except ValueError:
        return None


def _offset(value: date) -> bool:
    return getattr(value, "tzinfo", None) is not None


def all_events(conn: sqlite3.Connection, work_id: str | None = None) -> list[Event]:
    """Every dated item of the ongoing work (or only the item ``work_id``), sorted by start
    (then title)."""
    # One item by its key (an index search), or every one.
    one, given = ("= ?", (work_id,)) if work_id is not None else ("IS NOT NULL", ())
    links: dict[str, list[Link]] = {}
    for wid, label, url in conn.execute(
            f"SELECT work_id, label, url FROM work_link WHERE work_id {one} "
            "ORDER BY work_id, position", given):
        links.setdefault(wid, []).append(Link(label, url))
    found: list[Event] = []
    for (wid, title, kind, status, summary, start_date, end_date, starts_at, ends_at,
         location) in conn.execute(
            "SELECT w.id, w.title, COALESCE(k.label, w.kind), COALESCE(s.label, w.status), "
            "w.summary, w.start_date, w.end_date, w.starts_at, w.ends_at, w.location FROM work w "
            "LEFT JOIN vocab_term k ON k.vocabulary = 'work_kinds' AND k.id = w.kind "
            "LEFT JOIN vocab_term s ON s.vocabulary = 'work_statuses' AND s.id = w.status "
            "WHERE (w.starts_at IS NOT NULL OR w.start_date IS NOT NULL) "
            f"AND w.id {one}", given):
        start: date | datetime | None = _parse(datetime, starts_at)
        end: date | datetime | None = _parse(datetime, ends_at)
        if start is None:
            start, end = _parse(date, start_date), _parse(date, end_date)
        if start is None:
            continue
        # An end before the start has none; nor has one with an offset beside a start without
        # (or the other way round): they cannot be compared.
        if end is not None and (_offset(end) != _offset(start) or end < start):
            end = None
        found.append(Event(wid, title, kind, status, summary or "", location or "", start, end,
                           format_when(start_date, end_date, starts_at, ends_at),
                           tuple(links.get(wid, []))))
    found.sort(key=Event.sort_key)
    return found


def finished_ids(conn: sqlite3.Connection, today: date) -> frozenset[str]:
    """The ids of the work items that are events (meetings, webinars, ...) whose last day is
    before ``today``: what "hide finished meetings" leaves out of the ongoing work."""
    return frozenset(e.work_id for e in all_events(conn) if e.last_day < today)


def upcoming(events: Iterable[Event], today: date) -> list[Event]:
    """The events whose last day is ``today`` or later."""
    return [e for e in events if e.last_day >= today]


# iCalendar ------------------------------------------------------------------------------

def _datetime_property(name: str, value: datetime) -> str:
    if value.tzinfo is not None:
        utc = value.astimezone(UTC)
        return f"{name}:{utc.strftime('%Y%m%dT%H%M%S')}Z"
    return f"{name};TZID={TZID}:{value.strftime('%Y%m%dT%H%M%S')}"


def _uri(url: str) -> str:
    """``url`` as a URI value: non-ASCII percent-encoded; "" if it holds spaces or controls."""
    if not url or any(ord(ch) <= 32 or ord(ch) == 127 for ch in url):
        return ""
    return quote(url, safe=_URI_SAFE)


def _description(event: Event) -> str:
    parts = [p for p in (event.kind, event.summary) if p]
    parts.extend(f"{link.label}: {link.url}" for link in event.links[1:])
    return "\n\n".join(parts)


def _vevent(event: Event, stamp: datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.work_id}{UID_SUFFIX}",
        f"DTSTAMP:{stamp.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}",
    ]
    if isinstance(event.start, datetime):
        lines.append(_datetime_property("DTSTART", event.start))
        if isinstance(event.end, datetime):
            lines.append(_datetime_property("DTEND", event.end))
    else:
        lines.append(f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{event.last_day + timedelta(days=1):%Y%m%d}")
    lines.append(f"SUMMARY:{escape_text(event.title)}")
    optional = (("LOCATION", escape_text(event.location)),
                ("DESCRIPTION", escape_text(_description(event))), ("URL", _uri(event.url)),
                ("CATEGORIES", escape_text(event.kind)))
    return [*lines, *(f"{name}:{value}" for name, value in optional if value), "END:VEVENT"]


def ics_text(events: Iterable[Event], *, now: datetime | None = None) -> str:
    """A VCALENDAR with one VEVENT per event (CRLF line endings, folded at 75 octets)."""
    items = list(events)
    stamp = now or datetime.now(UTC)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if any(isinstance(e.start, datetime) and e.start.tzinfo is None for e in items):
        lines.extend(VTIMEZONE)
    for event in items:
        lines.extend(_vevent(event, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)


def file_name(event: Event) -> str:
    """A safe file name for the event's ``.ics``: the work item's id (ids are ``[a-z0-9._-]``)."""
    safe = "".join(ch for ch in event.work_id if ch.isalnum() or ch in "._-").strip(".")
    return f"{safe or 'event'}.ics"
