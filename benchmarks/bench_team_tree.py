"""Opening the plan tree from a team database (a script, not a timed test).

    POADESK_BENCH_PG_URL=postgresql+psycopg://poadesk:poadesk@127.0.0.1:5432/poadesk_test \\
        python benchmarks/bench_team_tree.py [--delay-ms 20] [--runs 5]

Counts the round trips `Desk.plan_tree()` makes (statements sent) and times it through a small
loopback proxy that holds every reply from the server for --delay-ms (a distant server), against
the same call on a SQLite file. The server's database must hold the plan (open it once with
`poadesk --db URL plans`). Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def start_proxy(target_port: int, delay: float) -> int:
    """A TCP proxy on 127.0.0.1 that delays each reply chunk by `delay` seconds; its port."""
    ready: list[int] = []

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                   wait: float) -> None:
        try:
            while data := await reader.read(65536):
                if wait:
                    await asyncio.sleep(wait)
                writer.write(data)
                await writer.drain()
        finally:
            writer.close()

    async def handle(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        server_r, server_w = await asyncio.open_connection("127.0.0.1", target_port)
        await asyncio.gather(pipe(client_r, server_w, 0.0), pipe(server_r, client_w, delay))

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        ready.append(server.sockets[0].getsockname()[1])
        async with server:
            await server.serve_forever()

    threading.Thread(target=lambda: asyncio.run(main()), daemon=True).start()
    while not ready:
        time.sleep(0.01)
    return ready[0]


def measure(desk: object, runs: int) -> tuple[float, int]:
    """The median time of `plan_tree()` and the statements it sends (the tree is read with
    plain SQL over the driver's connection: app.store.tree_query._rows runs each one)."""
    from app.store import tree_query

    count = [0]
    real = tree_query._rows

    def counted(conn: object, sql: str) -> list[tuple[object, ...]]:
        count[0] += 1
        return real(conn, sql)

    tree_query._rows = counted  # type: ignore[assignment]
    desk.plan_tree()  # type: ignore[attr-defined]  # a warm connection, as in the window
    times = []
    for _ in range(runs):
        count[0] = 0
        start = time.perf_counter()
        tree = desk.plan_tree()  # type: ignore[attr-defined]
        times.append(time.perf_counter() - start)
    tree_query._rows = real  # type: ignore[assignment]
    assert tree.plan.action_count == 165
    return statistics.median(times), count[0]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delay-ms", type=float, default=20.0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    url = os.environ.get("POADESK_BENCH_PG_URL")
    if not url:
        print("set POADESK_BENCH_PG_URL to a PostgreSQL database POA Desk may use",
              file=sys.stderr)
        return 2
    from sqlalchemy.engine import make_url

    from app.service import Desk

    parsed = make_url(url)
    port = start_proxy(parsed.port or 5432, args.delay_ms / 1000)
    proxied = parsed.set(host="127.0.0.1", port=port).render_as_string(hide_password=False)
    folder = Path(tempfile.mkdtemp(prefix="poadesk-bench-team-"))
    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    try:
        db = folder / "plan.db"
        shutil.copyfile(ROOT / "plan.db", db)
        local = Desk.open(db, daily_backup=False)
        t_sqlite, q_sqlite = measure(local, args.runs)
        local.close()
        team = Desk.open(proxied)
        t_pg, q_pg = measure(team, args.runs)
        team.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"the plan tree ({args.runs} runs, medians; {args.delay_ms:.0f} ms added to every "
          "reply from the server)")
    print(f"  SQLite file           {t_sqlite * 1000:7.1f} ms   {q_sqlite} statements")
    print(f"  PostgreSQL via proxy  {t_pg * 1000:7.1f} ms   {q_pg} statements  "
          f"(+ the transaction's begin and end; {t_pg / max(t_sqlite, 1e-6):.0f}x, of which "
          f"the delay of the round trips is about {(q_pg + 2) * args.delay_ms:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
