"""Expanding what the user named (files, folders, globs, ``-``) into inputs to read."""

from __future__ import annotations

import glob
import os
import stat
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
    """A named input that cannot be read at all, and why.

    ``not_found``: the name denotes nothing (E001); ``empty``: a folder with no file in it
    (E003); otherwise something that exists but is not read (E009).
    """

    name: str
    reason: str
    not_found: bool
    empty: bool = False


_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def not_regular(path: Path) -> Unusable | None:
    """Return why ``path`` is not a regular file or folder to read, or None when it is one.

    A named pipe, a device (``/dev/zero``, ``/dev/urandom``: reading one would never end) or a
    socket is never opened; a symbolic link is judged by what it points to, and a broken one is
    named as such.  Nothing here blocks: only ``stat`` is called.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            return Unusable(str(path), f"broken symbolic link (to {target!r}, which does not "
                            "exist)", not_found=True)
        return Unusable(str(path), "no such file or folder", not_found=True)
    except OSError as exc:
        return Unusable(str(path), f"cannot be examined: {exc.strerror or exc}",
                        not_found=False)
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), "a special file")
    via = " (through a symbolic link)" if path.is_symlink() else ""
    return Unusable(str(path), f"not a regular file: {kind}{via}, not read", not_found=False)


def _walk(folder: Path, unusable: list[Unusable]) -> list[Path]:
    """Return the files below ``folder`` in sorted order; hidden ones, links to folders and
    special files (pipes, devices, sockets) are reported, not read."""
    files: list[Path] = []
    for root, dirs, names in os.walk(folder):
        for name in sorted(dirs):
            child = Path(root) / name
            if name.startswith("."):
                unusable.append(Unusable(str(child), "hidden folder, not read (name it "
                                         "explicitly to read it)", not_found=False))
            elif child.is_symlink():
                unusable.append(Unusable(str(child), "symbolic link to a folder, not followed "
                                         "(name it explicitly to read it)", not_found=False))
        dirs[:] = sorted(d for d in dirs
                         if not d.startswith(".") and not (Path(root) / d).is_symlink())
        for name in sorted(names):
            child = Path(root) / name
            if name.startswith("."):
                unusable.append(Unusable(str(child), "hidden file, not read (name it "
                                         "explicitly to read it)", not_found=False))
                continue
            problem = not_regular(child)
            if problem is None:
                files.append(child)
            else:
                unusable.append(problem)
    return sorted(files)


def expand_inputs(names: list[str]) -> tuple[list[Source], list[Unusable]]:
    """Return the sources that ``names`` denote, and the ones that denote nothing usable.

    A folder is walked recursively in sorted order and its files with a readable suffix
    (``.txt``, ``.html``, ``.jsonl``, ...) or none are taken; other files found there are
    reported, not dropped silently, and a folder with no file at all is reported as empty.  A
    name with ``*``, ``?`` or ``[`` is a glob; each match is taken as if named (a matched folder
    is walked).  ``-`` is standard input.  A file named explicitly is always read, whatever its
    suffix; a pipe, device or socket never is (see :func:`not_regular`).

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

    def take(path: Path, name: str) -> None:
        if path.is_dir():
            before = len(unusable)
            found = _walk(path, unusable)
            for child in found:
                if child.suffix.lower() in READABLE_SUFFIXES or child.suffix == "":
                    add(child, str(child))
                else:
                    unusable.append(
                        Unusable(str(child), f"file type {child.suffix!r} is not read from "
                                 "folders (name it explicitly to read it)", not_found=False)
                    )
            if not found and len(unusable) == before:
                unusable.append(Unusable(name, "the folder holds no file to read",
                                         not_found=False, empty=True))
            return
        problem = not_regular(path)
        if problem is None:
            add(path, name)
        else:
            unusable.append(Unusable(name, problem.reason, problem.not_found))

    for name in names:
        if name == "-":
            sources.append(Source(name="<stdin>", path=None))
            continue
        path = Path(name)
        if path.exists() or path.is_symlink() or not any(ch in name for ch in "*?["):
            take(path, name)
            continue
        matches = sorted(glob.glob(name, recursive=True))
        if not matches:
            unusable.append(Unusable(name, "the pattern matches no file", not_found=True))
        for match in matches:
            take(Path(match), match)
    sources.sort(key=lambda s: (s.path is None, str(s.path.resolve()) if s.path else s.name))
    unusable.sort(key=lambda u: u.name)
    return sources, unusable
