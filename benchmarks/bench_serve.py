"""Load a running ``newsweave serve``: many requests at once, home pages and briefs.

Usage: python benchmarks/bench_serve.py [--requests 1000] [--concurrency 20] [--brief-every 10]
                                        [PATH ...]

Starts the server in a child process on a free port of 127.0.0.1, then sends ``--requests``
requests, ``--concurrency`` at a time: every ``--brief-every``-th is ``POST /api/briefs`` of
the example's files (default examples/river-festival), the others ``GET /``.  Prints the
errors (any answer but 200; must be 0), the median and 99th-percentile latency of each kind
and of all, the throughput, and the server's resident memory before and after (and its peak).
Exits 1 when there was an error.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "river-festival"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _memory(pid: int) -> dict[str, int]:
    """The process's resident memory now and at its peak, in MB (from /proc; Linux only)."""
    fields = {}
    status = Path(f"/proc/{pid}/status")
    if status.exists():
        for line in status.read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) // 1024
    return fields


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def _load(base: str, total: int, concurrency: int, brief_every: int,
                files: list[tuple[str, bytes]]) -> tuple[dict[str, list[float]], list[str]]:
    latencies: dict[str, list[float]] = {"home": [], "brief": []}
    errors: list[str] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(total):
        queue.put_nowait(n)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=600, limits=limits) as client:

        async def worker() -> None:
            while not queue.empty():
                n = queue.get_nowait()
                kind = "brief" if brief_every and n % brief_every == 0 else "home"
                start = time.perf_counter()
                try:
                    if kind == "brief":
                        response = await client.post(
                            "/api/briefs", files=[("files", f) for f in files])
                    else:
                        response = await client.get("/")
                    if response.status_code != 200:
                        errors.append(f"{kind}: {response.status_code} {response.text[:200]}")
                except httpx.HTTPError as exc:
                    errors.append(f"{kind}: {exc!r}")
                latencies[kind].append(time.perf_counter() - start)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, errors


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(EXAMPLE)])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--brief-every", type=int, default=10,
                        help="every N-th request is a brief (0: none)")
    parser.add_argument("--workers", type=int, default=2, help="the server's brief workers")
    args = parser.parse_args()
    paths = [p for name in args.paths for p in
             (sorted(Path(name).iterdir()) if Path(name).is_dir() else [Path(name)])]
    files = [(p.name, p.read_bytes()) for p in paths]

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsweave", "serve", "--port", str(port),
         "--workers", str(args.workers)], stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise SystemExit("the server did not start")
        before = _memory(server.pid)
        started = time.perf_counter()
        latencies, errors = asyncio.run(
            _load(base, args.requests, args.concurrency, args.brief_every, files))
        elapsed = time.perf_counter() - started
        after = _memory(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    every = [x for values in latencies.values() for x in values]
    print(f"{args.requests} requests, {args.concurrency} at a time, against {base} "
          f"({len(latencies['brief'])} briefs of {len(files)} files, "
          f"{len(latencies['home'])} home pages; {args.workers} brief workers)")
    print(f"errors: {len(errors)}")
    for error in errors[:5]:
        print(f"  {error}")
    for kind, values in (*latencies.items(), ("all", every)):
        if values:
            print(f"{kind:>6}: median {1000 * statistics.median(values):8.1f} ms   "
                  f"p99 {1000 * _percentile(values, 0.99):8.1f} ms   (n={len(values)})")
    print(f"throughput: {len(every) / elapsed:.1f} requests/s over {elapsed:.1f} s")
    print(f"server memory (RSS): before {before.get('VmRSS', '?')} MB, after "
          f"{after.get('VmRSS', '?')} MB, peak {after.get('VmHWM', '?')} MB")
    if errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
