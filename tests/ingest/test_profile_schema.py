"""Import profiles are described by resources/import/profile.schema.json and checked on load:
every problem is one plain phrase naming the file and the key; every shipped profile and every
profile --save-profile writes passes; the clerks' guide names every key."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import COMMIT, commitment, seed_definitions, write_csv

from mag_desktop.cli import main
from mag_desktop.core.errors import MagError
from mag_desktop.core.ethnicity import groups
from mag_desktop.core.ingest.profile import (
    Profile,
    Shares,
    load_profile,
    profile_problems,
    profile_schema,
    save_profile,
)
from mag_desktop.core.ingest.schema_check import KEYWORDS
from mag_desktop.core.store import Store
from mag_desktop.paths import resource_path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted([*(ROOT / "data" / "profiles").glob("*.json"),
                  *(ROOT / "tests" / "fixtures" / "realworld").glob("*.json")])


def _schemas(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema of the schema with where it sits."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for name, sub in value.items():
                    yield from _schemas(sub, f"{path}/{key}/{name}")
            elif key in ("items", "additionalProperties", "propertyNames"):
                yield from _schemas(value, f"{path}/{key}")
            elif key == "anyOf":
                for i, sub in enumerate(value):
                    yield from _schemas(sub, f"{path}/anyOf/{i}")


def _properties() -> dict[str, dict[str, Any]]:
    return {where: sub for where, sub in _schemas(profile_schema())
            if where.rsplit("/", 2)[-2:-1] == ["properties"]}


def test_the_schema_ships_in_resources_as_draft_2020_12() -> None:
    path = resource_path("import", "profile.schema.json")
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["profile"]


def test_the_schema_uses_only_keywords_the_checker_understands() -> None:
    for where, sub in _schemas(profile_schema()):
        assert set(sub) <= KEYWORDS, (where, set(sub) - KEYWORDS)


def test_every_key_is_described_with_an_example() -> None:
    properties = _properties()
    assert len(properties) >= 13 + 11 + 2  # top level, a definition's keys, shares
    for where, sub in properties.items():
        assert "Example:" in sub.get("description", ""), where
        assert sub.get("title"), where


def test_every_object_of_fixed_keys_refuses_unknown_ones() -> None:
    for where, sub in _schemas(profile_schema()):
        if "properties" in sub:
            assert sub.get("additionalProperties") is False, where


def test_the_schema_has_a_key_for_every_field_of_a_profile() -> None:
    schema = profile_schema()
    assert set(schema["properties"]) == {"profile", *(f.name for f in dataclass_fields(Profile))}
    assert set(schema["properties"]["shares"]["properties"]) == {f.name for f in
                                                                 dataclass_fields(Shares)}


def test_the_fields_are_those_of_the_import_tables() -> None:
    tables = json.loads(resource_path("import", "columns.json").read_text(encoding="utf-8"))
    fields = {c["field"] for kind, cols in tables.items() if kind != "about" for c in cols}
    assert set(profile_schema()["$defs"]["field"]["enum"]) == fields


def test_group_codes_match_the_schema_pattern() -> None:
    pattern = profile_schema()["$defs"]["group_code"]["pattern"]
    assert all(re.search(pattern, g.code) for g in groups())


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_profile_passes(path: Path) -> None:
    assert profile_problems(json.loads(path.read_text(encoding="utf-8"))) == []
    assert load_profile(path).to_json()["profile"] == 1


def _write(tmp_path: Path, document: Any, name: str = "police.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(("extra", "message"), [
    ({"keep_row": {}}, "unknown key 'keep_row' (did you mean 'keep_rows'?)"),
    ({"columns": {"Value": 12}}, "key 'columns.Value' must be a field name or 'ignore', "
                                 "found 12"),
    ({"columns": {"Who": "ignor"}}, "found 'ignor' (did you mean 'ignore'?)"),
    ({"kind": "indicator"}, "key 'kind' must be 'auto', 'commitments' or 'indicators', found "
                            "'indicator' (did you mean 'indicators'?)"),
    ({"constants": {"indicatr_id": "X"}},
     "unknown key 'constants.indicatr_id' (did you mean 'constants.indicator_id'?)"),
    ({"values": {"area": {"WM": "E47000007"}}}, "unknown key 'values.area'"),
    ({"keep_rows": {"Tactic": "*Total Tactics"}},
     "key 'keep_rows.Tactic' must be a list of texts, found '*Total Tactics'"),
    ({"table": 0}, "key 'table' must be a whole number, 1 or more, found 0"),
    ({"table": "2"}, "key 'table' must be a whole number, 1 or more, found '2'"),
    ({"group_labels": {"Don't know": "Unknown"}},
     "key 'group_labels.Don't know' must be an ethnic group code"),
    ({"group_labels": {"Don't know": "UNKNWON"}}, "found 'UNKNWON' (did you mean 'UNKNOWN'?)"),
    ({"status_map": {"Paused": "Sideways"}},
     "key 'status_map.Paused' must be a status (Not started, On track"),
    ({"shares": {"of_groups": "ALL"}},
     "key 'shares.indicator_id' is missing: expected an indicator ID; unknown key "
     "'shares.of_groups' (did you mean 'shares.of_group'?)"),
    ({"shares": {"indicator_id": "PCT", "of_group": []}},
     "key 'shares.of_group' must be a group code or a list of group codes, found []"),
    ({"definitions": [{"indicator_id": "A", "name": "n", "theme": "Jobs", "unit": "%",
                       "polarity": "up", "decimals": 7}]},
     "key 'definitions[0].decimals' must be a whole number from 0 to 4, found 7"),
    ({"definitions": [{"indicator_id": "A", "name": "n", "theme": "Jobs", "unit": "%"}]},
     "key 'definitions[0].polarity' is missing"),
    ({"definitions": [{"indicator_id": "A", "name": "n", "theme": "Jobs", "unit": "%",
                       "polarity": "up", "unti": "%"}]},
     "unknown key 'definitions[0].unti' (did you mean 'definitions[0].unit'?)"),
])
def test_a_bad_key_is_named_with_what_was_expected(tmp_path: Path, extra: dict[str, Any],
                                                    message: str) -> None:
    path = _write(tmp_path, {"profile": 1, **extra})
    with pytest.raises(MagError) as caught:
        load_profile(path)
    text = str(caught.value)
    assert text.startswith("profile police.json: ")
    assert message in text
    assert "\n" not in text


def test_many_problems_make_one_line_naming_the_first_and_counting_the_rest(
        tmp_path: Path) -> None:
    bad = {f"key{i}": i for i in range(8)}
    with pytest.raises(MagError) as caught:
        load_profile(_write(tmp_path, {"profile": 1, **bad}))
    text = str(caught.value)
    assert text.startswith("profile police.json: unknown key 'key0'; the keys are profile, "
                           "name, kind, sheet, table, header_row, columns, constants, values, ")
    assert text.endswith("unknown key 'key3'; unknown key 'key4'; and 3 more")
    assert text.count("the keys are") == 1


@pytest.mark.parametrize(("text", "message"), [
    ('{"profile": 1, ', "profile police.json is not valid JSON"),
    ("[1, 2]", "is not an import profile"),
    ('{"columns": {}}', "is not an import profile"),
])
def test_a_file_that_is_no_profile_is_said_so(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "police.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MagError, match=message):
        load_profile(path)


def test_the_command_prints_one_line_and_no_traceback(
        tmp_path: Path, store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = _write(tmp_path, {"profile": 1, "keep_row": {"Tactic": ["Total"]}})
    data = write_csv(tmp_path / "any.csv", [["a", "b"], ["1", "2"]])
    code = main(["import", str(data), "--store", str(store_path), "--profile", str(profile)])
    err = capsys.readouterr().err
    assert code == 1
    assert err == ("mag-desktop: profile police.json: unknown key 'keep_row' "
                   "(did you mean 'keep_rows'?)\n")


def test_a_profile_that_would_not_load_is_not_saved(tmp_path: Path) -> None:
    path = tmp_path / "saved.json"
    with pytest.raises(MagError, match=re.escape("'columns.Who' must be a field name or 'ignore'")):
        save_profile(Profile(columns={"Who": "ethnicity"}), path)
    assert not path.exists()
    save_profile(Profile(), path)
    assert profile_problems(json.loads(path.read_text(encoding="utf-8"))) == []


def test_saved_profiles_pass_the_schema(store: Store, store_path: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    seed_definitions(store, tmp_path)
    store.close()
    rows = [["Return"], ["Ind", "When", "Where", "Who", "How many", "Remark"],
            ["CNT_IND", "2024 Q1", "Birmingham", "Pakistani", "5", "fine"]]
    data = write_csv(tmp_path / "odd.csv", rows)
    given = _write(tmp_path, {"profile": 1, "columns": {
        "Ind": "indicator_id", "When": "period", "Where": "area_name", "Who": "ethnic_group",
        "How many": "value"}, "group_labels": {"Don't know": "UNKNOWN"}}, "given.json")
    saved = tmp_path / "saved.json"
    code = main(["import", str(data), "--store", str(store_path), "--profile", str(given),
                 "--save-profile", str(saved)])
    assert code == 0, capsys.readouterr()
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert profile_problems(document) == []
    assert document["columns"]["Remark"] == "ignore"
    assert document["group_labels"] == {"Don't know": "UNKNOWN"}


def test_a_saved_commitments_profile_keeps_its_status_map(
        store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_csv(tmp_path / "c.csv", [COMMIT, commitment("C-1", status="Paused")])
    given = _write(tmp_path, {"profile": 1, "kind": "commitments",
                              "status_map": {"Paused": "At risk"}}, "given.json")
    saved = tmp_path / "saved.json"
    code = main(["import", str(data), "--store", str(store_path), "--profile", str(given),
                 "--save-profile", str(saved)])
    assert code == 0, capsys.readouterr()
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert profile_problems(document) == []
    assert document["status_map"] == {"Paused": "At risk"}
    assert load_profile(saved).status_map == {"Paused": "At risk"}


def test_the_clerks_guide_documents_every_key() -> None:
    guide = (ROOT / "docs" / "clerk.md").read_text(encoding="utf-8")
    section = guide.split("### Profile keys", 1)[1].split("\n## ", 1)[0]
    names = {where.rsplit("/", 1)[-1] for where in _properties()}
    names |= set(profile_schema()["$defs"]["field"]["enum"])
    missing = sorted(n for n in names if f"`{n}`" not in section)
    assert missing == []
