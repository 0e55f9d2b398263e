"""Spike rules on hand-computed series (domain.spikes): the threshold, EARS C2, its sd floor, history."""

from datetime import UTC, date, datetime, timedelta

import pytest

from burner_desk.domain.errors import ValidationError
from burner_desk.domain.spikes import (
    C2_LIMIT,
    DAY,
    UNKNOWN_AREA,
    Area,
    Box,
    Rule,
    area_of,
    areas_from,
    baseline_days_observed,
    daily_counts,
    ears_c2,
    evaluate,
    thresholds_checked,
)

NOW = datetime(2026, 3, 16, 12, 0, tzinfo=UTC)
LONG_AGO = NOW - 60 * DAY  # recording began well before any baseline day
OLD_TOWN = Area(
    "old-town", "Old Town (sample)", frozenset({"22314"}), (Box(38.795, -77.063, 38.822, -77.036),)
)
DEL_RAY = Area("del-ray", "Del Ray (sample)", frozenset({"22301"}))


def series(counts: list[int]) -> list[datetime]:
    """Incident times giving `counts` per 24-hour window back from NOW (day 0 first), each mid-window."""
    return [NOW - day * DAY - DAY / 2 for day, count in enumerate(counts) for _ in range(count)]


def test_days_are_24_hour_windows_back_from_now() -> None:
    moments = [NOW, NOW - timedelta(minutes=1), NOW - DAY, NOW - DAY - timedelta(seconds=1), NOW - 9.5 * DAY]
    assert daily_counts(moments, NOW) == [3, 1, 0, 0, 0, 0, 0, 0, 0, 1]
    assert daily_counts([NOW + timedelta(minutes=5)], NOW)[0] == 1  # a clock ahead: still today
    assert sum(daily_counts([NOW - 10 * DAY - timedelta(seconds=1)], NOW)) == 0  # older than t-9


def test_threshold_counts_the_last_24_hours_and_alerts_when_reached() -> None:
    just_outside = [NOW - DAY - timedelta(minutes=1)]
    two = [NOW - timedelta(hours=1), NOW - timedelta(hours=23)]
    spike = evaluate(OLD_TOWN, two + just_outside, NOW, threshold=3, history_start=None)
    assert (spike.incidents, spike.rules) == (2, ())
    spike = evaluate(OLD_TOWN, [*two, NOW - timedelta(hours=5)], NOW, threshold=3, history_start=None)
    assert (spike.incidents, spike.rules) == (3, (Rule.THRESHOLD,))
    assert not evaluate(OLD_TOWN, two * 5, NOW, threshold=None, history_start=None).alerts  # none set


def test_c2_hand_computed() -> None:
    # Baseline t-3..t-9 = 1, 0, 2, 1, 0, 1, 2: mean 7/7 = 1; squared deviations 0+1+1+0+1+0+1 = 4,
    # sample variance 4/6, sd 0.8165. The guard band (t-1, t-2: 5 and 5) stays out of the baseline.
    counts = [4, 5, 5, 1, 0, 2, 1, 0, 1, 2]
    c2 = ears_c2(counts, baseline_days_observed(LONG_AGO, NOW))
    assert c2.mean == pytest.approx(1.0)
    assert c2.sd == pytest.approx(0.8165, abs=1e-4)
    assert c2.statistic == pytest.approx(3 / 0.8165, abs=1e-3)  # 3.674 > 3
    assert c2.alerts
    counts[0] = 3
    c2 = ears_c2(counts, 7)
    assert c2.statistic == pytest.approx(2 / 0.8165, abs=1e-3) and not c2.alerts  # 2.449


def test_c2_through_evaluate_from_incident_times() -> None:
    spike = evaluate(
        DEL_RAY, series([4, 5, 5, 1, 0, 2, 1, 0, 1, 2]), NOW, threshold=10, history_start=LONG_AGO
    )
    assert spike.incidents == 4 and spike.rules == (Rule.BASELINE,)
    both = evaluate(DEL_RAY, series([4, 5, 5, 1, 0, 2, 1, 0, 1, 2]), NOW, threshold=4, history_start=LONG_AGO)
    assert both.rules == (Rule.THRESHOLD, Rule.BASELINE)


def test_a_quiet_area_uses_the_sd_floor_one_incident_never_alerts_two_do() -> None:
    quiet = [0] * 10
    one = ears_c2([1, *quiet[1:]], 7)
    assert (one.mean, one.sd, one.statistic) == (0.0, 0.0, 2.0)  # 1 / 0.5
    assert not one.alerts
    two = ears_c2([2, *quiet[1:]], 7)
    assert two.statistic == 4.0 and two.alerts  # 2 / 0.5 > 3
    nothing = ears_c2(quiet, 7)
    assert nothing.statistic == 0.0 and not nothing.alerts


def test_a_steady_area_with_sd_zero_uses_the_floor_too() -> None:
    steady = [0, 2, 2, 2, 2, 2, 2, 2, 2, 2]
    assert ears_c2([3, *steady[1:]], 7).statistic == 2.0  # (3 - 2) / 0.5
    assert ears_c2([4, *steady[1:]], 7).statistic == 4.0
    assert ears_c2([4, *steady[1:]], 7).statistic > C2_LIMIT


def test_an_area_with_less_than_seven_baseline_days_is_judged_by_its_threshold_only() -> None:
    six_days = NOW - 6 * DAY  # baseline days t-3..t-5 observed, t-6..t-9 not
    assert baseline_days_observed(six_days, NOW) == 3
    assert baseline_days_observed(NOW - 10 * DAY, NOW) == 7  # t-9 begins exactly then
    assert baseline_days_observed(NOW - 10 * DAY + timedelta(seconds=1), NOW) == 6
    assert baseline_days_observed(None, NOW) == 0
    spike = evaluate(OLD_TOWN, series([9]), NOW, threshold=None, history_start=six_days)
    assert not spike.c2.judged and spike.c2.today == 9 and not spike.alerts
    assert evaluate(OLD_TOWN, series([9]), NOW, threshold=5, history_start=six_days).rules == (
        Rule.THRESHOLD,
    )


def test_a_newly_drawn_area_starts_its_history_on_its_day() -> None:
    drawn = Area("new", "New (sample)", since=date(2026, 3, 12))
    assert not evaluate(drawn, series([5]), NOW, threshold=None, history_start=LONG_AGO).c2.judged
    older = Area("new", "New (sample)", since=date(2026, 3, 1))
    assert evaluate(older, series([5]), NOW, threshold=None, history_start=LONG_AGO).rules == (Rule.BASELINE,)


def test_incidents_map_to_areas_by_coordinates_then_zip_else_unknown() -> None:
    areas = (OLD_TOWN, DEL_RAY)
    assert area_of("1 Sample St, Alexandria, VA 22301", 38.805, -77.045, areas) == "old-town"  # where it was
    assert area_of("1 Sample St, Alexandria, VA 22301", 10.0, 10.0, areas) == "del-ray"  # outside: ZIP
    assert area_of("1 Sample St, Alexandria, VA 22301-1234", None, None, areas) == "del-ray"
    assert area_of("Route 1 northbound", None, None, areas) == UNKNOWN_AREA
    assert area_of("1 Sample St, Arlington, VA 22201", None, None, areas) == UNKNOWN_AREA


def test_the_shipped_listing_reads_and_a_bad_one_is_named() -> None:
    listing = {
        "areas": [{"key": "Old-Town", "name": "Old Town", "zip_codes": ["22314"], "boxes": [[1, 2, 3, 4]]}]
    }
    (area,) = areas_from(listing)
    assert area.key == "old-town" and area.boxes == (Box(1, 2, 3, 4),) and area.since is None
    for bad in (
        {"areas": [{"name": "no key"}]},
        {"areas": [{"key": "unknown", "name": "reserved"}]},
        {"areas": [{"key": "a", "name": "A"}, {"key": "a", "name": "again"}]},
        {"areas": [{"key": "a", "name": "A", "boxes": [[1, 2]]}]},
        {"areas": [{"key": "a", "name": "A", "since": "March"}]},
        {"nothing": []},
    ):
        with pytest.raises(ValidationError):
            areas_from(bad)


def test_thresholds_are_checked() -> None:
    assert thresholds_checked({"old-town": 3, "del-ray": None}) == {"old-town": 3, "del-ray": None}
    for bad in ({"old-town": 0}, {"old-town": 501}, {"Old Town": 3}):
        with pytest.raises(ValidationError):
            thresholds_checked(bad)
