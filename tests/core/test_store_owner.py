"""One owner for the store: no module outside ``mag_desktop/core/store/`` runs SQL.

Every module under ``mag_desktop/`` is read with ``ast``. Outside the store package, none may
call ``.execute``, ``.executemany`` or ``.executescript``, call ``pandas.read_sql*``, or use the
``sqlite3`` module for anything but type hints (annotations, or an import under
``TYPE_CHECKING``). The one exemption is the owner of another file, listed below with why; a
module listed that no longer runs SQL fails the test until it is taken off.
"""

from __future__ import annotations

import ast
from pathlib import Path

import mag_desktop

PACKAGE = Path(mag_desktop.__file__).resolve().parent
STORE = PACKAGE / "core" / "store"
SQL_CALLS = {"execute", "executemany", "executescript"}

#: Modules that own an SQLite file other than the store, and so run its SQL themselves.
OTHER_FILES = {
    # The member's private notes: a separate SQLite file (its own schema, application id and
    # migrations), never the store nor a release. Its two modules are its owner, as the store
    # package is the store's: ``schema.py`` opens and migrates it, ``book.py`` reads and
    # writes it; nothing else in ``core/notes/`` runs SQL. (A release's snapshot, by contrast,
    # is a copy of the store: its SQL is in the store package.)
    "core/notes/book.py",
    "core/notes/schema.py",
}


def _type_checking_imports(tree: ast.Module) -> set[int]:
    """Ids of the import nodes under ``if TYPE_CHECKING:``."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            found.update(id(n) for sub in node.body for n in ast.walk(sub))
    return found


def _annotation_nodes(tree: ast.Module) -> set[int]:
    """Ids of every node inside an annotation (of an argument, a return or a variable)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        annotations: list[ast.expr | None] = []
        if isinstance(node, ast.arg | ast.AnnAssign):
            annotations.append(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            annotations.append(node.returns)
        for annotation in annotations:
            if annotation is not None:
                found.update(id(n) for n in ast.walk(annotation))
    return found


def sql_outside_the_store(path: Path) -> list[str]:
    """What in one module runs SQL or uses sqlite3 for more than type hints, with lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    hidden = _type_checking_imports(tree)
    hints = _annotation_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if name in SQL_CALLS or name.startswith("read_sql"):
                found.append(f"line {node.lineno}: .{name}(...)")
        elif isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in hidden:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module == "sqlite3":
                found.append(f"line {node.lineno}: from sqlite3 import ...")
            elif "sqlite3" in names and _used_beyond_hints(tree, hints):
                found.append(f"line {node.lineno}: import sqlite3 (used beyond type hints)")
    return found


def _used_beyond_hints(tree: ast.Module, hints: set[int]) -> bool:
    return any(isinstance(node, ast.Name) and node.id == "sqlite3" and id(node) not in hints
               for node in ast.walk(tree))


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if STORE not in p.parents)


def test_no_sql_outside_the_store_package() -> None:
    offenders = {}
    for path in modules():
        name = path.relative_to(PACKAGE).as_posix()
        found = sql_outside_the_store(path)
        if found and name not in OTHER_FILES:
            offenders[name] = found
    assert offenders == {}, (
        "SQL outside mag_desktop/core/store/: move it into a function of the store package "
        f"(store/reads/, store/import_log.py, ...): {offenders}")


def test_the_exempt_modules_are_listed_only_while_they_need_it() -> None:
    clean = sorted(name for name in OTHER_FILES
                   if not (PACKAGE / name).exists() or not sql_outside_the_store(PACKAGE / name))
    assert clean == [], f"no SQL left in {clean}: take them off OTHER_FILES"


def test_the_guard_sees_sql_and_lets_type_hints_pass(tmp_path: Path) -> None:
    module = tmp_path / "sample.py"
    module.write_text(
        "from __future__ import annotations\n"
        "import sqlite3\n"
        "import pandas as pd\n"
        "def rows(conn: sqlite3.Connection) -> list[int]:\n"
        "    return conn.execute('SELECT 1').fetchall()\n"
        "def frame(conn: sqlite3.Connection) -> object:\n"
        "    return pd.read_sql_query('SELECT 1', conn)\n"
        "def opened() -> object:\n"
        "    return sqlite3.connect(':memory:')\n", encoding="utf-8")
    assert sorted(sql_outside_the_store(module)) == sorted([
        "line 2: import sqlite3 (used beyond type hints)",
        "line 5: .execute(...)",
        "line 7: .read_sql_query(...)",
    ])
    hints_only = tmp_path / "hints.py"
    hints_only.write_text(
        "from __future__ import annotations\n"
        "import sqlite3\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from sqlite3 import Cursor\n"
        "CACHE: dict[str, sqlite3.Connection] = {}\n"
        "def rows(conn: sqlite3.Connection, cur: Cursor) -> sqlite3.Row | None:\n"
        "    return None\n", encoding="utf-8")
    assert sql_outside_the_store(hints_only) == []
