"""Upcoming events from the ongoing work, and .ics files read back with `icalendar`."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone

import icalendar

from tfbb_desktop.core.store import events
from tfbb_desktop.core.store.queries import Link

NOW = datetime(2025, 11, 1, 8, 30, tzinfo=UTC)


def by_id(conn: sqlite3.Connection) -> dict[str, events.Event]:
    return {e.work_id: e for e in events.all_events(conn)}


def test_one_work_item_s_event_is_read_alone(catalogue_conn: sqlite3.Connection) -> None:
    every = by_id(catalogue_conn)
    (one,) = events.all_events(catalogue_conn, "arb-webbinarium-2025-11-07")
    assert one == every["arb-webbinarium-2025-11-07"] and one.links
    assert events.all_events(catalogue_conn, "no-such-item") == []


def test_dated_work_items_are_events_sorted_by_start(catalogue_conn: sqlite3.Connection) -> None:
    found = events.all_events(catalogue_conn)
    assert [e.work_id for e in found] == [
        "arb-styrgruppsmote-2025-10-28",
        "arb-workshop-2025-11-05",
        "arb-webbinarium-2025-11-07",
        "arb-styrgruppsmote-2025-11-25",
    ]
    webinar = found[2]
    assert webinar.when == "2025-11-07 12.00–12.45"
    assert webinar.kind == "Webbinarium"
    assert webinar.location == "Digitalt, länk på samverkanswebben"
    assert webinar.url.startswith("https://samverkan.regionsormland.se/")
    assert not webinar.all_day
    workshop = found[1]
    assert workshop.all_day and workshop.when == "2025-11-05"
    assert workshop.kind == "Workshop"


def test_upcoming_is_from_today_on(catalogue_conn: sqlite3.Connection) -> None:
    found = events.all_events(catalogue_conn)
    assert [e.work_id for e in events.upcoming(found, date(2025, 11, 7))] == [
        "arb-webbinarium-2025-11-07", "arb-styrgruppsmote-2025-11-25"]
    assert events.upcoming(found, date(2025, 11, 26)) == []
    assert len(events.upcoming(found, date(2025, 1, 1))) == 4


def test_ics_of_the_webinar_parses_with_icalendar(catalogue_conn: sqlite3.Connection) -> None:
    webinar = by_id(catalogue_conn)["arb-webbinarium-2025-11-07"]
    text = events.ics_text([webinar], now=NOW)
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0"
    assert "TFBB" in str(calendar["PRODID"])
    timezones = list(calendar.walk("VTIMEZONE"))
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Stockholm"]
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Webbinarium: Goda exempel i implementeringen"
    assert str(event["LOCATION"]) == "Digitalt, länk på samverkanswebben"
    assert str(event["UID"]) == "arb-webbinarium-2025-11-07@tfbb-katalog"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start.replace(tzinfo=None) == datetime(2025, 11, 7, 12, 0)
    assert end.replace(tzinfo=None) == datetime(2025, 11, 7, 12, 45)
    assert start.utcoffset() == timedelta(hours=1)  # CET in November
    assert end - start == timedelta(minutes=45)
    assert event.decoded("DTSTAMP") == NOW
    assert str(event["URL"]).startswith("https://samverkan.regionsormland.se/")
    assert "Webbinarium" in str(event["DESCRIPTION"])


def test_summer_time_is_right(catalogue_conn: sqlite3.Connection) -> None:
    summer = events.Event("arb-x", "Sommarmöte", "Möte", "Planerad", "", "",
                          datetime(2026, 6, 10, 9, 0), datetime(2026, 6, 10, 10, 0), "")
    (event,) = icalendar.Calendar.from_ical(events.ics_text([summer], now=NOW)).walk("VEVENT")
    assert event.decoded("DTSTART").utcoffset() == timedelta(hours=2)


def test_all_day_events_use_dates(catalogue_conn: sqlite3.Connection) -> None:
    found = by_id(catalogue_conn)
    text = events.ics_text([found["arb-workshop-2025-11-05"],
                            found["arb-styrgruppsmote-2025-11-25"]], now=NOW)
    assert "VTIMEZONE" not in text  # only dates: no time zone needed
    calendar = icalendar.Calendar.from_ical(text)
    workshop, meeting = calendar.walk("VEVENT")
    assert workshop.decoded("DTSTART") == date(2025, 11, 5)
    assert workshop.decoded("DTEND") == date(2025, 11, 6)  # exclusive
    assert str(workshop["SUMMARY"]).startswith("Workshop för arbetsgrupper barn och "
                                               "nyckelpersoner")
    assert str(meeting["SUMMARY"]) == "Styrgruppsmöte 25 november 2025"


def test_escaping_folding_and_offsets() -> None:
    tricky = events.Event(
        work_id="arb-tricky",
        title="Möte; barn, unga\\familj – " + "långt " * 20,
        kind="Möte",
        status="Planerad",
        summary="Rad ett\nRad två",
        location="Stadshuset, sal 3; Åkersberga",
        start=datetime(2026, 3, 2, 13, 0, tzinfo=timezone(timedelta(hours=1))),
        end=datetime(2026, 3, 2, 15, 0, tzinfo=timezone(timedelta(hours=1))),
        when="",
        links=(Link("Webb", "https://example.se/möte?a=1&b=2"), Link("Mer", "https://x.se/")),
    )
    data = events.ics_text([tricky], now=NOW).encode("utf-8")
    lines = data.split(b"\r\n")
    assert lines[-1] == b""
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in data.replace(b"\r\n", b"")
    unfolded = data.replace(b"\r\n ", b"").decode("utf-8")
    assert "DTSTART:20260302T120000Z" in unfolded  # an offset is written as UTC
    assert "VTIMEZONE" not in unfolded
    assert "URL:https://example.se/m%C3%B6te?a=1&b=2" in unfolded
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == tricky.title
    assert str(event["LOCATION"]) == "Stadshuset, sal 3; Åkersberga"
    assert "Rad ett\nRad två" in str(event["DESCRIPTION"])
    assert "Mer: https://x.se/" in str(event["DESCRIPTION"])


def test_a_start_without_end_has_no_dtend_and_bad_urls_are_left_out() -> None:
    event = events.Event("arb-y", "Y", "", "", "", "", datetime(2026, 1, 1, 10, 0), None, "",
                         (Link("x", "https://x.se/a\r\nX-EVIL:1"),))
    text = events.ics_text([event], now=NOW)
    assert "DTEND" not in text and "URL" not in text and "X-EVIL" not in text
    assert events.file_name(event) == "arb-y.ics"


def test_one_file_with_every_event(catalogue_conn: sqlite3.Connection) -> None:
    found = events.all_events(catalogue_conn)
    calendar = icalendar.Calendar.from_ical(events.ics_text(found, now=NOW))
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert uids == [f"{e.work_id}@tfbb-katalog" for e in found]
