"""A layout by ethnic group (one column per group) whose group headings are not all ones the
importer knows: each such heading is listed for the clerk (never left out silently), the
answers go into the profile (``group_labels`` or ``columns`` "ignore"), the import and the
command line read them alike, and a group is never read from two columns."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from ingest_helpers import seed_definitions, write_xlsx
from realworld_helpers import REALWORLD, needs, values

from mag_desktop.cli import main
from mag_desktop.core.ingest.choices import (
    GROUP,
    build_profile,
    check_choices,
    choices_of,
    import_options,
    profile_of,
)
from mag_desktop.core.ingest.mapping import holds_figures
from mag_desktop.core.ingest.preview import IGNORE, UNREAD, WIDE, read_preview
from mag_desktop.core.ingest.profile import Profile, load_profile, save_profile
from mag_desktop.core.ingest.service import ImportOptions, run_import
from mag_desktop.core.ingest.unrecognised import HEADING, SKIP, Answers, translate, unrecognised
from mag_desktop.core.store import Store

HEADINGS: list[object] = ["Local authority", "ONS code", "White British", "Black African",
            "Black/Black British (any)", "Eastern European", "Gypsy, Roma & Traveller*", "BAME",
            "Any other ethnicity (incl. Arab)", "Comments"]
#: (name, code, White British, Black African, Black (any), Eastern European, GRT, BAME, Other)
FIGURES = [("Birmingham", "E08000025", 1510, 212, 431, 96, 17, 1204, 58),
           ("Coventry", "E08000026", 602, 88, 140, 71, 5, 390, 21),
           ("Sandwell", "E08000028", 455, 40, 97, 33, "[c]", 310, 12)]
UNKNOWN = ["Black/Black British (any)", "Eastern European", "Gypsy, Roma & Traveller*",
           "Any other ethnicity (incl. Arab)"]
CONSTANTS = {"indicator_id": "CNT_IND", "period": "2024 Q1"}
ANSWERS = {"Black/Black British (any)": "BLACK", "Any other ethnicity (incl. Arab)": "OTHER",
           "Eastern European": SKIP, "Gypsy, Roma & Traveller*": SKIP}


def partner_file(path: Path) -> Path:
    """A partner's table as published: titles, the header in row 4, groups across the
    columns, a column of comments (words), and footnotes under the table."""
    rows: list[list[object]] = [
        ["Households owed a homelessness duty, by ethnicity of the main applicant"],
        ["Local authorities of the West Midlands, April to June 2024"],
        [],
        HEADINGS]
    for name, code, *figures in FIGURES:
        rows.append([name, code, *figures, "revised" if name == "Coventry" else ""])
    rows += [[], ["* Gypsy, Roma & Traveller includes Irish Travellers"],
             ["Source: partner monitoring returns"]]
    return write_xlsx(path, {"Table 1": rows})


def stored(store: Store) -> dict[tuple[str, str], tuple[float | None, str | None, str]]:
    return {(a, g): (v, m, label) for a, g, v, m, label in store.conn.execute(
        "SELECT area_code, group_code, value, marker, group_label FROM observation "
        "WHERE superseded_by IS NULL")}


def answered(found: list, answers: dict[str, str]) -> Answers:
    out = Answers()
    for item in found:
        out.set(item, answers.get(item.value))
    return out


def test_each_unrecognised_heading_is_listed_and_nothing_is_stored(seeded: Store,
                                                                    tmp_path: Path) -> None:
    path = partner_file(tmp_path / "duty.xlsx")
    before = seeded.data_version()
    result = run_import(seeded, path, ImportOptions(profile=Profile(constants=CONSTANTS)))
    assert result.status == "rejected" and seeded.data_version() == before
    errors = {g.value: g for g in result.groups if g.rule == "group-heading"}
    assert sorted(errors) == sorted(UNKNOWN)  # BAME is known; "Comments" holds words
    assert errors["Eastern European"].column == "F"
    assert '"group_labels"' in errors["Eastern European"].message
    assert '"Eastern European": "ignore"' in errors["Eastern European"].message
    found = unrecognised(run_import(seeded, path, ImportOptions(
        profile=Profile(constants=CONSTANTS), dry_run=True)))
    assert [(u.field, u.kind, u.column, u.value) for u in found] == [
        (HEADING, "heading", letter, heading)
        for letter, heading in zip("EFGI", UNKNOWN, strict=True)]
    item = found[0]
    assert item.label == "Column E heading"
    assert set(item.taken) == {"WHITE_BRITISH", "BLACK_AFRICAN", "MINORITY"}
    assert item.taken["BLACK_AFRICAN"] == "column D ('Black African')"
    assert "column D ('Black African') gives that group" in item.taken_problem("BLACK_AFRICAN")
    assert item.taken_problem("BLACK") == ""


def test_the_answers_import_each_column_under_its_group(seeded: Store, tmp_path: Path) -> None:
    path = partner_file(tmp_path / "duty.xlsx")
    base = Profile(constants=CONSTANTS)
    found = unrecognised(run_import(seeded, path, ImportOptions(profile=base, dry_run=True)))
    profile = translate(base, answered(found, ANSWERS))
    assert profile.group_labels == {"Black/Black British (any)": "BLACK",
                                    "Any other ethnicity (incl. Arab)": "OTHER"}
    assert profile.columns == {"Eastern European": "ignore",
                               "Gypsy, Roma & Traveller*": "ignore"}
    saved = tmp_path / "duty.json"
    save_profile(profile, saved)
    again = run_import(seeded, path, ImportOptions(profile=load_profile(saved), dry_run=True))
    assert again.status == "ok", again.message
    assert unrecognised(again) == []
    done = run_import(seeded, path, ImportOptions(profile=load_profile(saved)))
    assert done.status == "ok", done.message
    got = stored(seeded)
    groups = ["WHITE_BRITISH", "BLACK_AFRICAN", "BLACK", "MINORITY", "OTHER"]
    assert set(got) == {(code, g) for _, code, *_ in FIGURES for g in groups}
    for _, code, white, african, black, _east, _grt, bame, other in FIGURES:
        assert got[(code, "WHITE_BRITISH")][0] == white
        assert got[(code, "BLACK_AFRICAN")][0] == african
        assert got[(code, "BLACK")] == (black, None, "Black/Black British (any)")
        assert got[(code, "MINORITY")][0] == bame
        assert got[(code, "OTHER")] == (other, None, "Any other ethnicity (incl. Arab)")
    ignored = {f[5] for f in FIGURES} | {f[6] for f in FIGURES if isinstance(f[6], int)}
    assert not any(v in ignored for v, _, _ in got.values())  # 96, 71, 33, 17, 5: none kept
    assert done.inserted == 15


def test_the_command_line_reads_the_same_profile_alike(seeded: Store, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    path = partner_file(tmp_path / "duty.xlsx")
    base = Profile(constants=CONSTANTS)
    found = unrecognised(run_import(seeded, path, ImportOptions(profile=base, dry_run=True)))
    saved = tmp_path / "duty.json"
    save_profile(translate(base, answered(found, ANSWERS)), saved)
    other = Store.open(tmp_path / "other.sqlite")
    try:
        (tmp_path / "defs").mkdir()
        seed_definitions(other, tmp_path / "defs")
        assert main(["import", str(path), "--store", str(tmp_path / "other.sqlite")]) == 1
        assert "Eastern European" in capsys.readouterr().out
        assert main(["import", str(path), "--store", str(tmp_path / "other.sqlite"),
                     "--profile", str(saved)]) == 0
        run_import(seeded, path, ImportOptions(profile=load_profile(saved)))
        assert stored(other) == stored(seeded) and len(stored(other)) == 15
    finally:
        other.close()


def test_a_group_that_another_column_gives_is_refused(seeded: Store, tmp_path: Path) -> None:
    path = partner_file(tmp_path / "duty.xlsx")
    twice = dict(ANSWERS, **{"Black/Black British (any)": "BLACK_AFRICAN"})
    base = Profile(constants=CONSTANTS)
    found = unrecognised(run_import(seeded, path, ImportOptions(profile=base, dry_run=True)))
    before = seeded.data_version()
    result = run_import(seeded, path, ImportOptions(profile=translate(
        base, answered(found, twice))))
    assert result.status == "rejected" and seeded.data_version() == before
    assert [(g.rule, g.column, g.value) for g in result.groups if g.severity == "error"] == [
        ("group-twice", "E", "Black/Black British (any)")]  # one message, not one per row
    message = result.groups[0].message
    assert "read as Black African, which column D ('Black African') already gives" in message
    assert "never added up or stored twice" in message
    listed = unrecognised(run_import(seeded, path, ImportOptions(
        profile=translate(base, answered(found, twice)), dry_run=True)))
    assert [(u.kind, u.value) for u in listed] == [("heading", "Black/Black British (any)")]


def test_two_known_headings_of_one_group_are_refused_without_a_profile(seeded: Store,
                                                                       tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "totals.xlsx", {"Data": [
        ["Indicator ID", "Period", "Area code", "White British", "Total", "All"],
        ["CNT_IND", "2024 Q1", "E08000025", 100, 300, 310]]})
    result = run_import(seeded, path, ImportOptions())
    assert result.status == "rejected"
    assert [(g.rule, g.column) for g in result.groups if g.severity == "error"] == [
        ("group-twice", "F")]
    answers = Answers()
    answers.set(unrecognised(result)[0], SKIP)  # the clerk keeps Total, ignores All
    done = run_import(seeded, path, ImportOptions(profile=translate(Profile(), answers)))
    assert done.status == "ok", done.message
    assert stored(seeded)[("E08000025", "ALL")][0] == 300


def test_the_wizard_leaves_the_headings_to_be_answered(seeded: Store, tmp_path: Path) -> None:
    path = partner_file(tmp_path / "duty.xlsx")
    base = Profile(constants=CONSTANTS)
    preview = read_preview(path, profile=base)
    fields = {c.header: c.field for c in preview.columns}
    assert [h for h, f in fields.items() if f == UNREAD] == UNKNOWN
    assert fields["White British"] == WIDE and fields["Comments"] == IGNORE
    choices = choices_of(preview, base)
    profile = build_profile(choices, base, path.name)
    assert not set(UNKNOWN) & set(profile.columns)  # never ignored without an answer
    result = run_import(seeded, path, ImportOptions(profile=profile, dry_run=True))
    assert [u.value for u in unrecognised(result)] == UNKNOWN
    saved = profile_of(result, ImportOptions(profile=profile))  # the CLI's --save-profile
    assert not set(UNKNOWN) & set(saved.columns) and saved.columns["Comments"] == IGNORE


BIRTHS = REALWORLD / "ons_birth_characteristics_england_wales_2021.xlsx"
#: what a clerk answers for the live-birth columns of ONS table 21 (the others are ignored:
#: stillbirths and rates are other indicators; "White Other" and "Any Other ethnic group" of
#: birth registration count other people than any one group here, so they are left out)
BIRTH_GROUPS = {"Indian": "ASIAN_INDIAN", "Pakistani": "ASIAN_PAKISTANI",
                "Any other Asian background": "ASIAN_OTHER", "Black African": "BLACK_AFRICAN",
                "Black Caribbean": "BLACK_CARIBBEAN", "Any other Black background": "BLACK_OTHER",
                "Mixed/ multiple": "MIXED", "White British": "WHITE_BRITISH",
                "Not Stated": "UNKNOWN"}


@needs(BIRTHS)
def test_a_real_ons_table_of_groups_across_the_columns(seeded: Store, tmp_path: Path) -> None:
    """ONS birth characteristics 2021, table 21: years down, 39 columns of live births,
    stillbirths and rates by group across. Two headings named as the cells hold them (line
    break and all) make the layout one by ethnic group; the other 37 are listed, answered,
    and the import reads the live births of each group."""
    base = Profile(sheet="21", header_row=7, columns={"Year": "period"},
                   constants={"indicator_id": "LIVE_BIRTHS", "area_code": "K04000001"},
                   group_labels={"Number of live births\nTotal": "ALL",
                                 "Number of live births\nBangladeshi": "ASIAN_BANGLADESHI"},
                   definitions=[{"indicator_id": "LIVE_BIRTHS", "name": "Live births",
                                 "theme": "Health and wellbeing", "unit": "count",
                                 "polarity": "No judgement", "decimals": 0}])
    found = unrecognised(run_import(seeded, BIRTHS, ImportOptions(profile=base, dry_run=True)))
    assert len(found) == 37 and {u.kind for u in found} == {"heading"}
    assert (found[0].column, found[0].value) == ("D", "Number of live births Indian")
    answers = Answers()
    for item in found:
        group = item.value.removeprefix("Number of live births ")
        answers.set(item, BIRTH_GROUPS.get(group, SKIP) if group != item.value else SKIP)
    saved = tmp_path / "births.json"
    save_profile(translate(base, answers), saved)
    done = run_import(seeded, BIRTHS, ImportOptions(profile=load_profile(saved)))
    assert done.status == "ok", done.message
    assert done.rows_read == 15 and done.inserted == 15 * 11 + 1  # and the definition
    got = values(seeded, "LIVE_BIRTHS", "2021")
    assert got[("K04000001", "ALL")] == 624162  # cells B8, D8, J8 of sheet 21
    assert got[("K04000001", "ASIAN_INDIAN")] == 22896
    assert got[("K04000001", "MIXED")] == 42928
    assert values(seeded, "LIVE_BIRTHS", "2015")[("K04000001", "WHITE_BRITISH")] == 435222
    assert ("K04000001", "WHITE_OTHER") not in got and len(got) == 11


@needs(BIRTHS)
def test_the_same_table_mapped_in_the_wizard_columns_alone(seeded: Store,
                                                           tmp_path: Path) -> None:
    """No heading of table 21 names a group by itself ("Number of live births Indian"): the
    clerk points at the header row and chooses, column by column, the group whose figures it
    holds (written to ``group_labels``); the other columns stay ignored."""
    base = Profile(definitions=[{"indicator_id": "LIVE_BIRTHS", "name": "Live births",
                                 "theme": "Health and wellbeing", "unit": "count",
                                 "polarity": "No judgement", "decimals": 0}])
    preview = read_preview(BIRTHS, sheet="21", profile=base, header_row=6)
    assert preview.header_row == 6 and preview.wide is None
    choices = choices_of(preview, base)
    choices.header_row = 6
    choices.columns["Year"] = "period"
    births = dict(BIRTH_GROUPS, **{"Total": "ALL", "Bangladeshi": "ASIAN_BANGLADESHI"})
    for group, code in births.items():
        choices.columns[f"Number of live births {group}"] = GROUP + code
    choices.constants = {"indicator": "LIVE_BIRTHS", "area": "K04000001"}
    assert check_choices(choices, preview.wide) == []
    profile = build_profile(choices, base, BIRTHS.name)
    assert profile.group_labels["Number of live births Indian"] == "ASIAN_INDIAN"
    assert profile.columns["Number of live births White Other"] == IGNORE
    done = run_import(seeded, BIRTHS, import_options(choices, base, BIRTHS.name, False))
    assert done.status == "ok", done.message
    got = values(seeded, "LIVE_BIRTHS", "2021")
    assert got[("K04000001", "ASIAN_PAKISTANI")] == 26950 and len(got) == 11
    twice = dict(choices.columns, **{"Number of live births White Other": GROUP + "MIXED"})
    assert check_choices(replace(choices, columns=twice), preview.wide) == [
        "the ethnic group Mixed or Multiple ethnic groups is chosen for 2 columns ('Number of "
        "live births Mixed/ multiple', 'Number of live births White Other'): a group is read "
        "from one column only"]


def test_figures_are_numbers_numbers_as_text_and_markers_never_words() -> None:
    assert holds_figures([["a", 12]], 1) and holds_figures([["a", "1,204"]], 1)
    assert holds_figures([["a", "[c]"]], 1) and holds_figures([["a", "12.3 [u]"]], 1)
    assert holds_figures([["a", "45%"]], 1)
    assert not holds_figures([["a", "revised"], ["b", ""], ["c"]], 1)
    assert not holds_figures([["a", True]], 1)
