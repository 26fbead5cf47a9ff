"""Expanding what the user named (files, folders, globs, ``-``) into inputs to read."""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path

READABLE_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson"})


@dataclass(frozen=True)
class Source:
    """One input to read: a file path, or standard input (``path`` None)."""

    name: str
    path: Path | None


@dataclass(frozen=True)
class Unusable:
    """A named input that cannot be read at all, and why."""

    name: str
    reason: str
    not_found: bool


def _walk(folder: Path, unusable: list[Unusable]) -> list[Path]:
    """Return the files below ``folder`` in sorted order; hidden ones are reported, not read."""
    files: list[Path] = []
    for root, dirs, names in os.walk(folder):
        hidden = sorted(d for d in dirs if d.startswith("."))
        for name in hidden:
            unusable.append(Unusable(str(Path(root) / name),
                                     "hidden folder, not read (name it explicitly to read it)",
                                     not_found=False))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            child = Path(root) / name
            if name.startswith("."):
                unusable.append(Unusable(str(child), "hidden file, not read (name it "
                                         "explicitly to read it)", not_found=False))
            elif child.is_file():
                files.append(child)
    return sorted(files)


def expand_inputs(names: list[str]) -> tuple[list[Source], list[Unusable]]:
    """Return the sources that ``names`` denote, and the ones that denote nothing usable.

    A folder is walked recursively in sorted order and its files with a readable suffix
    (``.txt``, ``.html``, ``.jsonl``, ...) or none are taken; other files found there are
    reported, not dropped silently.  A name with ``*``, ``?`` or ``[`` is a glob.  ``-`` is
    standard input.  A file named explicitly is always read, whatever its suffix.

    The sources come back sorted by their full path (standard input last), so naming the same
    inputs in another order reads them in the same order and gives the same brief, byte for
    byte; the records of one file keep their order in it.
    """
    sources: list[Source] = []
    unusable: list[Unusable] = []
    seen: set[Path] = set()

    def add(path: Path, name: str) -> None:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            sources.append(Source(name=name, path=path))

    for name in names:
        if name == "-":
            sources.append(Source(name="<stdin>", path=None))
            continue
        path = Path(name)
        if path.is_dir():
            for child in _walk(path, unusable):
                if child.suffix.lower() in READABLE_SUFFIXES or child.suffix == "":
                    add(child, str(child))
                else:
                    unusable.append(
                        Unusable(str(child), f"file type {child.suffix!r} is not read from "
                                 "folders (name it explicitly to read it)", not_found=False)
                    )
        elif path.is_file():
            add(path, name)
        elif any(ch in name for ch in "*?["):
            matches = sorted(glob.glob(name, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                unusable.append(Unusable(name, "the pattern matches no file", not_found=True))
            for match in files:
                add(match, str(match))
        else:
            unusable.append(Unusable(name, "no such file or folder", not_found=True))
    sources.sort(key=lambda s: (s.path is None, str(s.path.resolve()) if s.path else s.name))
    unusable.sort(key=lambda u: u.name)
    return sources, unusable
