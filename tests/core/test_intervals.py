"""Confidence intervals against Public Health England's published methods and test data.

Expected values come from outside this code:

- PHE = the test data published with PHE's R package PHEindicatormethods
  (github.com/ukhsa-collaboration/PHEindicatormethods, commit 093fd28,
  tests/testthat/testdata_Proportion.xlsx sheet testdata_Prop, testdata_Rate.xlsx sheets
  testdata_Rate and testdata_Rate_g, testdata_Byars_Wilson.xlsx sheet testdata_B_W), copied
  here as published;
- closed forms that the methods' published definitions reduce to at the edges (Wilson's formula
  at x = 0 and x = n; the exact Poisson limit of 0 events, −ln(α/2));
- NIST/SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.4 (critical values of the
  chi-square distribution), for a fractional count;
- for the exact limits of 0 to 9 events, the definition itself: at the limits, the Poisson
  tail probabilities (summed here term by term) are α/2.

The published figures are matched to 9 significant figures (6 are asked for).
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from mag_desktop.core import stats
from mag_desktop.core.intervals import (
    byar,
    exact_poisson,
    limits_for,
    multiplier_of,
    wilson,
    z_for,
)

REL = 1e-9

# PHE testdata_Prop, Area1-Area8 with multiplier 100: numerator, denominator, lower95, upper95,
# lower99.8, upper99.8 (percentages).
PHE_PERCENT = [
    (1, 100, 0.1767432064140651, 5.44861961787053, 0.0873065697299977, 10.45544528370582),
    (5, 100, 2.154367915436798, 11.17504692319191, 1.3865320725997183, 16.458852282596443),
    (20, 100, 13.33669333310325, 28.882916559315884, 10.519162066711433, 34.71109417008601),
    (65, 100, 55.25444329688797, 73.63575175690247, 49.54946574070431, 77.83540614089696),
    (9856, 12345, 79.1210175290907, 80.53640073614909, 78.69924108419063, 80.93061412589626),
    (7776456, 7564336677, 0.10273201001641094, 0.10287644578977231, 0.10269040118442213,
     0.10291812992698397),
    (222, 3215, 6.07916903636366, 7.833956681383633, 5.647101964624248, 8.418414185270134),
    (999, 3456, 27.418951080009872, 30.440389662818056, 26.583995768074953, 31.344754492799847),
]
# PHE testdata_Rate, Area1-Area8 and Area12 with multiplier 100,000, and its method.
PHE_RATE = [
    (1, 100, 25.317807984289896, 5571.643390938898, 1.0005003335835343, 9233.413476451586,
     "exact"),
    (5, 100, 1623.4863901184199, 11668.332079322669, 739.3717319178389, 16454.745203680104,
     "exact"),
    (20, 100, 12211.428834875936, 30889.880369197064, 8922.802365144193, 38085.03562504191,
     "byar"),
    (65, 100, 50163.18771045945, 82849.13854593984, 42880.261471480204, 94000.290844318,
     "byar"),
    (9856, 12345, 78269.49058976758, 81430.01654272141, 77375.90543271053, 82354.47277095431,
     "byar"),
    (7776456, 7564336677, 102.73196005302074, 102.87648334092832, 102.690317308454,
     102.91817639509068, "byar"),
    (222, 3215, 6026.574877652674, 7875.729370871851, 5560.737695259853, 8461.04668173341,
     "byar"),
    (999, 3456, 27141.30493609052, 30755.833237378414, 26162.147596445768, 31845.604819822653,
     "byar"),
    (250, 220, 99984.94738532876, 128631.14487455782, 92710.00554438953, 137651.23772147458,
     "byar"),  # more events than population: allowed for a rate
]
# PHE testdata_Rate with multiplier 100 (Area1, Area2, Area4): per 1,000 is ten times these.
PHE_PER_100 = [
    (1, 100, 0.025317807984289897, 5.571643390938898),
    (5, 100, 1.62348639011842, 11.668332079322669),
    (65, 100, 50.163187710459454, 82.84913854593984),
]


def test_z_is_the_normal_quantile_not_196() -> None:
    assert z_for() == pytest.approx(1.959964, abs=5e-7)
    assert z_for(0.998) == pytest.approx(3.090232, abs=5e-7)


@pytest.mark.parametrize("confidence", [0, 1, 95, 99.8, -0.5, math.nan])
def test_a_confidence_that_is_not_a_fraction_is_refused_clearly(confidence: float) -> None:
    with pytest.raises(ValueError, match="confidence must be a fraction between 0 and 1"):
        limits_for("%", 1, 10, confidence)


@pytest.mark.parametrize("row", PHE_PERCENT)
def test_percentages_by_wilson_match_phe(row: tuple[float, ...]) -> None:
    x, n, lo95, hi95, lo998, hi998 = row
    lower, upper, method = limits_for("%", x, n)
    assert (float(lower), float(upper)) == (pytest.approx(lo95, rel=REL),
                                            pytest.approx(hi95, rel=REL))
    assert method == "wilson"
    lower, upper, _ = limits_for("%", x, n, confidence=0.998)
    assert (float(lower), float(upper)) == (pytest.approx(lo998, rel=REL),
                                            pytest.approx(hi998, rel=REL))


def test_rates_per_100000_match_phe_exact_below_10_and_byar_from_10() -> None:
    x, n, lo95, hi95, lo998, hi998, methods = (np.array(c) for c in zip(*PHE_RATE, strict=True))
    lower, upper, method = limits_for("per 100,000", x, n)
    np.testing.assert_allclose(lower, lo95.astype(float), rtol=REL)
    np.testing.assert_allclose(upper, hi95.astype(float), rtol=REL)
    assert method.tolist() == methods.tolist()
    lower, upper, _ = limits_for("per 100,000", x, n, confidence=0.998)
    np.testing.assert_allclose(lower, lo998.astype(float), rtol=REL)
    np.testing.assert_allclose(upper, hi998.astype(float), rtol=REL)


@pytest.mark.parametrize("row", PHE_PER_100)
def test_rates_per_1000_are_phe_rates_scaled(row: tuple[float, ...]) -> None:
    x, n, lo, hi = row
    lower, upper, _ = limits_for("per 1,000", x, n)
    assert float(lower) == pytest.approx(10 * lo, rel=REL)
    assert float(upper) == pytest.approx(10 * hi, rel=REL)


def test_ten_events_is_the_first_count_by_byar() -> None:
    # PHE testdata_Rate_g: 2 of 200 (exact) and 10 of 200 (Byar's), per 100,000.
    lower, upper, method = limits_for("per 100,000", [2, 10], [200, 200])
    np.testing.assert_allclose(lower, [121.10463927198258, 2393.7249569837822], rtol=REL)
    np.testing.assert_allclose(upper, [3612.3438338619794, 9195.729302878237], rtol=REL)
    assert method.tolist() == ["exact", "byar"]


def test_byar_and_wilson_match_phe_helpers() -> None:
    # PHE testdata_B_W: byars_lower/upper and wilson_lower/upper at 95% and 99.8%.
    lo, hi = byar([65, 1045, 1])
    np.testing.assert_allclose(lo, [50.163187710459454, 982.5932018073325, 0.01307213290150435],
                               rtol=REL)
    np.testing.assert_allclose(hi, [82.84913854593984, 1110.33121298565, 5.5637555824752605],
                               rtol=REL)
    lo, hi = byar([65, 1045, 10, 1], confidence=0.998)
    np.testing.assert_allclose(lo[:3], [42.8802614714802, 947.9407035610374, 2.916318374695686],
                               rtol=REL)
    assert math.isnan(lo[3])  # negative by Byar's formula: NA in PHE's too
    np.testing.assert_allclose(hi, [94.00029084431802, 1148.806160988033, 24.193724927880535,
                                    9.362180217908362], rtol=REL)
    lo, hi = wilson([65, 1045, 0.445], [100, 5000, 1])
    np.testing.assert_allclose(lo, [0.5525444329688797, 0.19795549880013297,
                                    0.04381744772058822], rtol=REL)
    np.testing.assert_allclose(hi, [0.7363575175690247, 0.22049130373189027,
                                    0.9334621276979156], rtol=REL)
    lo, hi = wilson([65, 1045, 0.445], [100, 5000, 1], confidence=0.998)
    np.testing.assert_allclose(lo, [0.4954946574070431, 0.19179381799015244,
                                    0.019347006132900975], rtol=REL)
    np.testing.assert_allclose(hi, [0.7783540614089697, 0.22731562902525818,
                                    0.9702259947019541], rtol=REL)


def _poisson_cdf(k: int, mean: float) -> float:
    return sum(math.exp(-mean) * mean**i / math.factorial(i) for i in range(k + 1))


@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_exact_limits_are_where_the_poisson_tails_are_alpha_over_2(confidence: float) -> None:
    half = (1 - confidence) / 2
    lower, upper = exact_poisson(np.arange(10), confidence)
    for x in range(10):
        assert _poisson_cdf(x, upper[x]) == pytest.approx(half, rel=1e-12)
        if x:
            assert 1 - _poisson_cdf(x - 1, lower[x]) == pytest.approx(half, rel=1e-9)


def test_zero_events_have_a_lower_limit_of_zero() -> None:
    z = 1.959963984540054
    lower, upper, method = limits_for(["%", "per 1,000"], [0, 0], [50, 400])
    assert lower.tolist() == [0.0, 0.0]
    assert upper[0] == pytest.approx(100 * z * z / (50 + z * z), rel=REL)  # Wilson at x = 0
    assert upper[1] == pytest.approx(-math.log(0.025) / 400 * 1000, rel=REL)  # exact: −ln(α/2)
    assert method.tolist() == ["wilson", "exact"]


def test_all_events_give_an_upper_limit_of_100_percent() -> None:
    z = 1.959963984540054
    lower, upper, _ = limits_for("%", [40, 1], [40, 1])
    assert upper.tolist() == [100.0, 100.0]
    np.testing.assert_allclose(lower, [100 * 40 / (40 + z * z), 100 / (1 + z * z)], rtol=REL)


def test_one_person() -> None:
    lower, upper, _ = limits_for("%", [0, 1], [1, 1])
    np.testing.assert_allclose(lower, [0.0, 20.654931], atol=5e-7)
    np.testing.assert_allclose(upper, [79.345069, 100.0], atol=5e-7)
    lower, upper, method = limits_for("per 100,000", 1, 1)
    assert method == "exact" and float(upper) == pytest.approx(100_000 * 5.571643390938898,
                                                               rel=REL)


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(("x", "n"), [(3, 0), (0, 0), (-1, 10), (3, -10), (math.nan, 10),
                                      (3, math.nan), (math.inf, 10), (3, math.inf)])
def test_no_interval_and_no_warning_for_impossible_inputs(x: float, n: float) -> None:
    for unit in ("%", "per 1,000", "per 100,000"):
        with np.errstate(all="raise"):
            lower, upper, method = limits_for(unit, x, n)
        assert math.isnan(lower) and math.isnan(upper) and method.item() is None


def test_more_events_than_people_is_no_proportion() -> None:
    lower, _, method = limits_for("%", 11, 10)
    assert math.isnan(lower) and method.item() is None


def test_counts_pounds_and_plain_rates_get_none() -> None:
    lower, upper, method = limits_for(["count", "£", "rate", None], 5, 100)
    assert np.isnan(lower).all() and np.isnan(upper).all()
    assert method.tolist() == [None] * 4
    assert np.isnan(multiplier_of(["count", "£", "rate"])).all()


def test_a_fractional_count_follows_the_chi_square_definition() -> None:
    # NIST table 1.3.6.7.4: chi-square(5) lower 2.5% point 0.831; chi-square(7) upper 16.013.
    lower, upper = exact_poisson(2.5)
    assert float(lower) == pytest.approx(0.831 / 2, abs=5e-4)
    assert float(upper) == pytest.approx(16.013 / 2, abs=5e-4)


def test_whole_columns_with_gaps_match_row_by_row() -> None:
    units = np.array(["%", "per 100,000", None, "per 1,000", "count", "%", "per 100,000"],
                     dtype=object)
    x = np.array([65, 5, 3, np.nan, 4, 0, 9856])
    n = np.array([100, 100, 10, 200, 10, np.nan, 12345])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lower, upper, method = limits_for(units, x, n)
    assert lower.shape == upper.shape == method.shape == (7,)
    assert method.tolist() == ["wilson", "exact", None, None, None, None, "byar"]
    assert lower[0] == pytest.approx(55.25444329688797, rel=REL)
    assert upper[1] == pytest.approx(11668.332079322669, rel=REL)
    assert lower[6] == pytest.approx(78269.49058976758, rel=REL)
    for i in range(7):
        lo, hi, m = limits_for(units[i], x[i], n[i])
        assert np.array_equal([lo, hi], [lower[i], upper[i]], equal_nan=True)
        assert m.item() == method[i]


def test_stats_helpers_use_the_correct_z() -> None:
    lo, hi = stats.wilson_interval(65, 100)
    assert (lo, hi) == (pytest.approx(0.5525444329688797, rel=REL),
                        pytest.approx(0.7363575175690247, rel=REL))
    lo, hi = stats.byar_interval(65, 100, 100)
    assert (lo, hi) == (pytest.approx(50.163187710459454, rel=REL),
                        pytest.approx(82.84913854593984, rel=REL))
    los, his = stats.wilson_interval(np.array([0.0, 1.0]), np.array([0.0, 1.0]))
    assert math.isnan(los[0]) and his[1] == 1.0
