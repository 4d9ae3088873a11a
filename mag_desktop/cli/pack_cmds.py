"""``pack`` and ``packs``: briefing packs for a meeting, and the log of packs produced."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from mag_desktop.cli import member_stores
from mag_desktop.cli.progress import TerminalProgress
from mag_desktop.core import vocab
from mag_desktop.core.briefing.batch import run_batch
from mag_desktop.core.briefing.builder import DEFAULT_SECTIONS, OPTIONAL_SECTIONS, audience_of
from mag_desktop.core.briefing.formats import DEFAULT_FORMAT, FORMATS, pack_format, pages_text
from mag_desktop.core.briefing.pack import (
    PackOptions,
    list_packs,
    log_packs,
    pack_file_name,
    write_pack,
)
from mag_desktop.core.errors import MagError, UsageError
from mag_desktop.core.geography import load_geography
from mag_desktop.core.names import AreaResolver
from mag_desktop.core.query import as_at_quarter
from mag_desktop.core.store import Store, resolve_store_path


def existing_store(args: argparse.Namespace) -> Store:
    """The store named by ``--store`` (or the default), which must exist already; in member
    mode, the installed release."""
    if member_stores.in_member_mode(args):
        return member_stores.release_store()
    path = resolve_store_path(args.store)
    if not path.exists():
        raise UsageError(f"there is no store at {path}: import data first, or run "
                         "'mag-desktop demo' for the sample data")
    return Store.open(path)


def _area(resolver: AreaResolver, text: str, kind: str, authority: str | None = None) -> str:
    found = resolver.resolve(text, kind=kind, authority_code=authority)
    if not found.ok or found.code is None:
        raise UsageError(found.message or f'"{text}" is not a known {kind}')
    return found.code


def _themes(texts: list[str] | None) -> tuple[str, ...]:
    codes = []
    for text in texts or ():
        theme = vocab.match_theme(text)
        if theme is None:
            known = ", ".join(f"{t.code} ({t.short_name})" for t in vocab.themes())
            raise UsageError(f'"{text}" is not a theme; themes are {known}')
        codes.append(theme.code)
    return tuple(dict.fromkeys(codes))


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f'"{text}" is not a date: give the meeting date as YYYY-MM-DD') from None


_WRITTEN_AS = {"pdf": "a PDF", "accessible-pdf": "an accessible PDF", "html": "a web page"}


def _check_out(out: str | None, format: str) -> None:
    """Refuse an --out whose extension is not the format's, so a web page is never written
    into a .pdf file (nor logged as one)."""
    if not out:
        return
    extension = pack_format(format).extension
    path = Path(out)
    if path.suffix.lower() == extension:
        return
    what = _WRITTEN_AS.get(format, f"a {format} pack")
    rename = f"name it {path.with_suffix(extension)}, or " if path.name else ""
    raise UsageError(f"--out {out}: {what} is written to a {extension} file; {rename}"
                     "leave --out out for the pack's own name")


def _render_failure(exc: Exception) -> MagError | None:
    """A renderer's expected failure, said in one line (the accessible renderer's module is
    looked up only if it was loaded, so Typst is never imported for this)."""
    typst_pack = sys.modules.get("mag_desktop.core.briefing.typst_pack")
    if typst_pack is not None and isinstance(exc, typst_pack.AccessiblePdfError):
        return MagError(" ".join(str(exc).split()))
    return None


def cmd_pack(args: argparse.Namespace) -> int:
    if not args.all_wards:
        _check_out(args.out, args.format)
    resolver = AreaResolver(load_geography())
    authority = _area(resolver, args.authority, "authority")
    sections = None
    if args.with_notes:  # the member's own notes, on pages marked personal
        level = "ward" if args.ward or args.all_wards else "authority"
        sections = (*DEFAULT_SECTIONS[level], *OPTIONAL_SECTIONS)
    options = PackOptions(themes=_themes(args.themes), meeting=args.meeting or "",
                          meeting_date=_date(args.date), marking=args.marking,
                          sections=sections, format=args.format)
    if args.all_wards:
        if args.ward or args.out:
            raise UsageError("--all-wards writes one file per ward into --out-dir; "
                             "leave out --ward and --out")
        if not args.out_dir:
            raise UsageError("--all-wards needs --out-dir DIR")
        return _batch(args, authority, options)
    audience = _area(resolver, args.ward, "ward", authority) if args.ward else authority
    with existing_store(args) as store:
        options = member_stores.with_release_id(store, options)
        out = Path(args.out) if args.out else _default_out(store, audience, authority,
                                                            args.format)
        try:
            made = write_pack(store.conn, audience, out, options)
        except Exception as exc:
            failure = _render_failure(exc)
            if failure is None:
                raise
            raise failure from exc
        note = log_packs(store, [made])
    print(f"wrote {made.path} ({pages_text(made.pages, args.format)}, {made.charts} charts; "
          f"data version {made.data_version}; sha256 {made.sha256})")
    if note:
        print(f"note: {note}")
    return 0


def _default_out(store: Store, audience: str, authority: str, format: str) -> Path:
    """Without --out: the pack's own name in the current folder, e.g.
    "Birmingham briefing pack 2026 Q3 (accessible).pdf"."""
    with store.read() as conn:
        area, as_at = audience_of(conn, audience), as_at_quarter(conn)
        owner = audience_of(conn, authority).name if area.level == "ward" else None
    return Path(pack_file_name(area.name, area.level, as_at, owner, format))


def _batch(args: argparse.Namespace, authority: str, options: PackOptions) -> int:
    bar = TerminalProgress()
    with existing_store(args) as store:
        options = member_stores.with_release_id(store, options)
        try:
            result = run_batch(store, authority, Path(args.out_dir), options, jobs=args.jobs,
                               overwrite=args.overwrite, progress=bar)
        finally:
            bar.done()
    pages = sum(p.pages for p in result.written)
    size = f"{pages:,} pages" if pack_format(options.format).paged else "web pages"
    print(f"wrote {len(result.written)} ward packs ({size}) to {result.folder} in "
          f"{result.seconds:.1f} s; {len(result.skipped)} existing files kept, "
          f"{len(result.failed)} failed; manifest: {result.manifest}")
    for ward in result.skipped[:10]:
        print(f"  kept {ward.file.name} (use --overwrite to replace it)")
    if len(result.skipped) > 10:
        print(f"  … and {len(result.skipped) - 10} more kept")
    for ward, message in result.failed:
        print(f"  FAILED {ward.code} {ward.name}: {message}")
    for note in result.notes:
        print(f"note: {note}")
    if result.cancelled:
        print("cancelled: the packs not yet started were not written")
        return 130
    return 1 if result.failed else 0


def cmd_packs(args: argparse.Namespace) -> int:
    with existing_store(args) as store:
        records = list_packs(store.conn, args.limit or None)
    if args.json:
        print(json.dumps([r.__dict__ for r in records], ensure_ascii=False, indent=1))
        return 0
    if not records:
        print("no packs produced yet")
    for r in records:
        p = r.parameters
        themes = ", ".join(p.get("themes") or []) or "all themes"
        if len(p.get("themes") or []) == len(vocab.themes()):
            themes = "all themes"
        audience = p.get("audience_name") or p.get("audience", "?")
        meeting = f"{p.get('meeting') or 'no meeting'} {p.get('meeting_date') or ''}".strip()
        print(f"{r.id:>4}  {r.produced_at.replace('T', ' ')[:16]}  {r.kind:<14} "
              f"{audience}; {themes}; {meeting}; data version {r.data_version}; "
              f"{_pages(r.pages, p)}; by {r.os_user}\n      {r.file}\n      sha256 {r.sha256}")
    return 0


def _pages(pages: int | None, parameters: dict[str, object]) -> str:
    """"12 pages (accessible PDF)", "web page"; a pack logged before formats is a PDF."""
    key = str(parameters.get("format") or DEFAULT_FORMAT)
    text = pages_text(pages, key)
    return f"{text} (accessible PDF)" if key == "accessible-pdf" else text


FORMAT_HELP = ("pdf: the standard pack, for printing and reading on screen (default); "
               "accessible-pdf: a tagged PDF/UA-1 for members who use a screen reader or "
               "magnifier, which prints too; html: one self-contained web page, which "
               "reflows when zoomed and opens in any browser, with no pages")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "pack", parents=[common],
        help="write a briefing pack (PDF, accessible PDF or web page) for an authority or ward",
        description="Write a briefing pack for a Members Advisory Group meeting: an authority "
        "pack, a ward pack (--ward), or one pack per ward of the authority (--all-wards, on "
        "every core). Areas may be given by name or ONS code. Each pack is recorded in the "
        "store's pack log with its format, data version and SHA-256. Formats: " + FORMAT_HELP
        + ".",
    )
    p.add_argument("--authority", required=True, metavar="NAME|CODE",
                   help="the authority, e.g. Birmingham or E08000025")
    p.add_argument("--ward", metavar="NAME|CODE", help="a ward of the authority")
    p.add_argument("--themes", nargs="+", metavar="THEME",
                   help="theme codes or names (default: all eight), e.g. HOUSING Health")
    p.add_argument("--meeting", metavar="TEXT", help="the meeting, e.g. 'MAG, December 2026'")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the meeting date")
    p.add_argument("--marking", default="OFFICIAL",
                   help="the protective marking on every page (default: OFFICIAL)")
    p.add_argument("--format", choices=list(FORMATS), default=DEFAULT_FORMAT,
                   help=FORMAT_HELP)
    p.add_argument("--out", metavar="FILE", help="the file to write (replaced if present); "
                   "default: the pack's name in this folder, e.g. 'Birmingham briefing pack "
                   "2026 Q3.pdf', '… (accessible).pdf' or '….html'")
    p.add_argument("--with-notes", action="store_true",
                   help="add 'My notes': your private notes on what the pack shows, on pages "
                   "marked personal (from $MAG_NOTES, else the user data folder)")
    p.add_argument("--all-wards", action="store_true",
                   help="one pack per ward of the authority, into --out-dir")
    p.add_argument("--out-dir", metavar="DIR", help="the folder for --all-wards")
    p.add_argument("--jobs", type=int, metavar="N",
                   help="processes for --all-wards (default: one per core)")
    p.add_argument("--overwrite", action="store_true",
                   help="replace ward packs already in --out-dir (default: keep them)")
    p.set_defaults(func=cmd_pack)

    p = sub.add_parser("packs", parents=[common], help="list the packs produced",
                       description="List the packs produced from this store, newest first: "
                       "time, parameters, data version, file and SHA-256.")
    p.add_argument("--limit", type=int, default=20, metavar="N",
                   help="show the newest N (default 20; 0 shows all)")
    p.add_argument("--json", action="store_true", help="print one JSON list")
    p.set_defaults(func=cmd_packs)
