"""Printed dates and date lines (newsweave.lang.dates): the formats pages write, the time of day
beside them, what is not a date line, and a property test that the parser never crashes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.lang import date_line, printed_dates


@pytest.mark.parametrize(("text", "date", "minutes", "zone"), [
    ("July 03, 2013 6:22AM", dt.date(2013, 7, 3), 6 * 60 + 22, None),
    ("Posted: Tue, Mar 5 2013", dt.date(2013, 3, 5), None, None),
    ("28 July 2004", dt.date(2004, 7, 28), None, None),
    ("Published on 21st October 2015", dt.date(2015, 10, 21), None, None),
    ("2/3/2009", dt.date(2009, 2, 3), None, None),
    ("14/09/2013", dt.date(2013, 9, 14), None, None),
    ("Story filed 04.05.2016", dt.date(2016, 5, 4), None, None),
    ("06/11/19 07:35 PM ET", dt.date(2019, 6, 11), 19 * 60 + 35, "ET"),
    ("Wednesday 9 March 2011 22.34 GMT", dt.date(2011, 3, 9), 22 * 60 + 34, "GMT"),
    ("7:15 a.m. Nov. 2, 2010", dt.date(2010, 11, 2), 7 * 60 + 15, None),
    ("on Jan 8 2017, 5:03p", dt.date(2017, 1, 8), 17 * 60 + 3, None),
    ("2021-06-30T08:00:00", dt.date(2021, 6, 30), None, None),
    ("SATURDAY, AUGUST 12, 2006, 12:10 AM", dt.date(2006, 8, 12), 10, None),
])
def test_printed_dates_read_the_formats_pages_use(
    text: str, date: dt.date, minutes: int | None, zone: str | None
) -> None:
    (found,) = printed_dates(text)
    assert (found.date, found.minutes, found.zone) == (date, minutes, zone)
    assert 0 <= found.start < found.end <= len(text)


def test_numeric_dates_keep_their_other_reading() -> None:
    (us,) = printed_dates("2/3/2009")
    assert us.date == dt.date(2009, 2, 3) and us.swapped == dt.date(2009, 3, 2)
    (plain,) = printed_dates("13/3/2009")  # the day is over 12: one reading only
    assert plain.swapped is None
    (same,) = printed_dates("5/5/2009")
    assert same.swapped is None


def test_not_dates() -> None:
    assert printed_dates("He scored 1.5 goals a game, 3/4 of them in 2010.") == []
    assert printed_dates("February 30, 2013 and 31/02/2013") == []
    assert printed_dates("Dec. 24 at 4:33 AM") == []  # no year: not comparable across pages
    assert printed_dates("Route 2/3/20095") == []


def test_date_line_is_a_line_of_its_own_not_a_sentence() -> None:
    page = ("Harbour board closes the east quay\n"
            "The quay was first opened on June 4, 1921 after two years of building work.\n"
            "Updated: 12/02/2014 3:40 PM\n"
            "The board voted on Tuesday.")
    found = date_line(page)
    assert found is not None
    assert found.date == dt.date(2014, 12, 2) and found.updated and found.minutes == 15 * 60 + 40
    assert page[found.start : found.end] == "12/02/2014 3:40 PM"
    assert date_line("The quay was first opened on June 4, 1921 after two years.\nMore.") is None


def test_date_line_only_in_the_first_lines_and_after_a_posting_label() -> None:
    late = "Title\n\nOne.\nTwo.\nThree.\nMarch 3, 2015"
    assert date_line(late) is None
    assert date_line(late, lines=5) is not None
    blog = ("Hit-and-run on the ring road\n"
            "By the desk of Ann Smith and Partners, posted in Road Accidents on Friday, "
            "May 6, 2016.\nBody.")
    found = date_line(blog)
    assert found is not None and found.date == dt.date(2016, 5, 6)


def test_utc_minutes_converts_a_named_zone() -> None:
    (eastern,) = printed_dates("May 1, 2012 8:00 PM EDT")
    assert eastern.utc_minutes() == 24 * 60  # midnight UTC
    (unnamed,) = printed_dates("May 1, 2012 8:00 PM")
    assert unnamed.utc_minutes() is None


_PIECES = st.sampled_from([
    "Posted", ":", " ", "\n", ",", ".", "/", "-", "2013", "09", "31", "12", "7", "July", "Sept.",
    "Tue", "PM", "a.m.", "ET", "GMT", "Updated", "at", "on", "15:48", "22.34", "6:11p", "th",
    "the", "quay", "2/3/", "T10:00", "—", "“", "0",
])


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(st.lists(_PIECES, max_size=30).map("".join), st.text(max_size=200)))
def test_date_parsers_never_crash_and_return_valid_dates(text: str) -> None:
    for found in printed_dates(text):
        assert isinstance(found.date, dt.date) and 1900 <= found.date.year <= 2100
        assert 0 <= found.start < found.end <= len(text)
        assert found.minutes is None or 0 <= found.minutes < 24 * 60
        assert found.zone is None or found.utc_minutes() is not None
    line = date_line(text)
    assert line is None or isinstance(line.date, dt.date)
