"""Scale benchmark: load, layout, paint, hover, search, memory and start-up at 10^3..10^6 events.

Run ``python tests/bench.py [--sizes 1e3,1e4,1e5,1e6] [--json OUT]`` (a script, not part
of the test suite). It generates seeded synthetic datasets, writes each as our CSV
export and as the native JSON (cached under ``$TMPDIR/timeline_bench``), and measures
at 1920×1080 on Qt's offscreen platform:

- load: CSV and native JSON to a ready model (opened, anchored, drawing columns built);
- layout: the scene (lanes, stacked rows) of all events;
- frame paint p50/p95 over a scripted 60-frame pan, and wheel zoom step to frame
  painted over a 20-step sweep, at full extent and at 10%, 1% and 0.1% windows;
- hover hit-test; title search to repaint; memory per event beyond the empty app (a
  separate process opens the file in the main window; "B/event" counts the process's
  own data, anonymous resident memory, and "RSS B/event" all resident memory, which
  also holds pages of numpy's and Qt's code read in the first time a file is opened);
  process start to first paint with the default chronology.

Datasets: ``events`` is event-dataset-like (28 years, 12 categories, 20% ranges of
1–400 days, 30–60 character titles, bursty days with up to 1,000 events, a few month
precision and approximate dates, tags on a third); ``adversarial`` puts up to 100,000
events on one day and makes 10% ranges spanning years.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DAY = 86_400
FIRST_DAY = 9_862  # 1997-01-01, days since 1970
YEARS = 28
CATEGORIES = ("battles", "protests", "riots", "explosions", "violence-against-civilians",
              "strategic-developments", "arrests", "looting", "agreements", "ceasefires",
              "elections", "displacement")
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
          "#000000", "#999999", "#882255", "#44AA99", "#117733")
WORDS = ("armed", "clash", "between", "forces", "and", "militia", "near", "the", "border",
         "village", "protest", "over", "fuel", "prices", "in", "capital", "shelling", "of",
         "district", "reported", "by", "local", "sources", "peaceful", "demonstration",
         "students", "police", "disperse", "crowd", "attack", "on", "convoy", "road",
         "airstrike", "market", "town", "hall", "arrest", "journalists", "talks", "resume",
         "ceasefire", "agreement", "signed", "refugees", "cross", "river", "looting",
         "warehouse", "election", "rally", "opposition", "northern", "province", "tariff")
TAGS = tuple(f"tag{i:02d}" for i in range(40))
FORMAT_VERSION = 3  # bump when the generated files change


@dataclass
class Dataset:
    """A generated dataset as columns (days since 1970; end_day −1 for a single date)."""

    kind: str
    ids: list[str]
    titles: list[str]
    start_day: np.ndarray
    end_day: np.ndarray
    precision: np.ndarray  # 0 day, 1 month, 2 approximate day
    category: np.ndarray
    tags: list[str]

    def __len__(self) -> int:
        return len(self.ids)


def _titles(rng: np.random.Generator, count: int) -> list[str]:
    words = np.asarray(WORDS)
    picks = words[rng.integers(0, len(words), size=(count, 10))]
    lengths = rng.integers(30, 61, size=count)
    comma = rng.random(count) < 0.1
    titles = []
    for row, length, with_comma in zip(picks.tolist(), lengths.tolist(), comma.tolist()):
        text = " ".join(row)
        if with_comma:
            text = text.replace(" ", ", ", 1)
        titles.append(text[:length].rstrip().capitalize() or "Event")
    return titles


def generate(kind: str, count: int, seed: int = 1) -> Dataset:
    """A seeded synthetic dataset of ``count`` events."""
    rng = np.random.default_rng(seed + count + (7 if kind == "adversarial" else 0))
    days = YEARS * 365
    weights = rng.pareto(1.2, days) + 0.05
    weights /= weights.sum()
    # Bursty days, but at most 1,000 events on a day.
    weights = np.minimum(weights, 1000 / max(count, 1))
    weights /= weights.sum()
    start = FIRST_DAY + rng.choice(days, size=count, p=weights)
    is_range = rng.random(count) < 0.2
    length = rng.integers(1, 401, size=count)
    if kind == "adversarial":
        one_day = min(100_000, count // 2)
        start[:one_day] = FIRST_DAY + days // 2
        is_range[:one_day] = False
        long = rng.random(count) < 0.1
        is_range |= long
        length = np.where(long, rng.integers(365, 10 * 365, size=count), length)
    end = np.where(is_range, start + length, -1)
    precision = np.zeros(count, np.int8)
    roll = rng.random(count)
    precision[roll < 0.01] = 1
    precision[(roll >= 0.01) & (roll < 0.015)] = 2
    precision[is_range] = np.where(precision[is_range] == 1, 0, precision[is_range])
    order = rng.permutation(count)  # files are not in time order
    tag_roll = rng.random(count)
    tag_picks = rng.integers(0, len(TAGS), size=(count, 2))
    tags = ["" if r >= 0.33 else (TAGS[a] if r < 0.25 else f"{TAGS[a]}; {TAGS[b]}")
            for r, (a, b) in zip(tag_roll.tolist(), tag_picks.tolist())]
    return Dataset(kind, [f"ev{i:07d}" for i in range(count)], _titles(rng, count),
                   start[order], end[order], precision[order],
                   rng.integers(0, len(CATEGORIES), size=count)[order],
                   [tags[i] for i in order.tolist()])


def _iso(days: np.ndarray) -> list[str]:
    return np.asarray(days, "datetime64[D]").astype(str).tolist()


def _edtf(data: Dataset) -> tuple[list[str], list[str]]:
    start = _iso(data.start_day)
    for i in np.flatnonzero(data.precision == 1).tolist():
        start[i] = start[i][:7]
    for i in np.flatnonzero(data.precision == 2).tolist():
        start[i] = start[i] + "~"
    ends = _iso(np.where(data.end_day >= 0, data.end_day, 0))
    end = [e if d >= 0 else "" for e, d in zip(ends, data.end_day.tolist())]
    return start, end


def write_csv(data: Dataset, path: Path) -> None:
    """Our export's columns (earliest/latest days, a range's end in ``latest``)."""
    start, _end = _edtf(data)
    first = _iso(data.start_day)
    last = _iso(np.where(data.end_day >= 0, data.end_day, data.start_day))
    precision = ("day", "month", "day")
    lines = ["id,title,date,as_written,earliest,latest,precision,category,tags,source,"
             "passage_start,passage_end,passage"]
    for i in range(len(data)):
        title = data.titles[i]
        if "," in title or '"' in title:
            title = '"' + title.replace('"', '""') + '"'
        p = int(data.precision[i])
        latest = last[i] if p != 1 else _month_end(start[i])
        lines.append(f"{data.ids[i]},{title},{start[i]},,{first[i]},{latest},{precision[p]},"
                     f"{CATEGORIES[data.category[i]]},{data.tags[i]},,,,")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def _month_end(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    following = np.datetime64(f"{year + (number == 12):04d}-{number % 12 + 1:02d}-01")
    return str(following - np.timedelta64(1, "D"))


def write_json(data: Dataset, path: Path) -> None:
    """The native format, laid out exactly as the app writes it (two-space indent)."""
    start, end = _edtf(data)
    dumps = json.dumps
    parts = []
    for i in range(len(data)):
        end_text = "null" if not end[i] else (
            '{\n        "edtf": ' + dumps(end[i]) + ',\n        "as_written": ""\n      }')
        tags = data.tags[i]
        tag_text = "[]" if not tags else "[\n" + ",\n".join(
            f"        {dumps(t)}" for t in tags.split("; ")) + "\n      ]"
        parts.append(
            '    {\n      "id": ' + dumps(data.ids[i]) + ',\n      "title": '
            + dumps(data.titles[i], ensure_ascii=False) + ',\n      "start": {\n        "edtf": '
            + dumps(start[i]) + ',\n        "as_written": ""\n      },\n      "end": '
            + end_text + ',\n      "category": ' + dumps(CATEGORIES[data.category[i]])
            + ',\n      "tags": ' + tag_text + ',\n      "actors": [],\n      "importance": 3,'
            '\n      "notes": "",\n      "citations": [],\n      "links": []\n    }')
    categories = ",\n".join(
        '    {\n      "id": ' + dumps(c) + ',\n      "name": ' + dumps(c.replace("-", " ").title())
        + ',\n      "color": ' + dumps(COLORS[n]) + "\n    }" for n, c in enumerate(CATEGORIES))
    text = ('{\n  "format": "timeline_app.chronology",\n  "version": 1,\n  "title": '
            + dumps(f"Synthetic {data.kind} ({len(data):,} events)")
            + ',\n  "description": "",\n  "categories": [\n' + categories
            + '\n  ],\n  "sources": [],\n  "events": [\n' + ",\n".join(parts)
            + '\n  ],\n  "eras": [],\n  "tours": []\n}\n')
    path.write_text(text, encoding="utf-8")


def dataset_files(kind: str, count: int, cache: Path) -> tuple[Path, Path]:
    """The CSV and JSON files of a dataset, generated once and cached."""
    cache.mkdir(parents=True, exist_ok=True)
    stem = cache / f"{kind}-{count}-v{FORMAT_VERSION}"
    csv_path, json_path = stem.with_suffix(".csv"), stem.with_suffix(".chronology.json")
    if not (csv_path.exists() and json_path.exists()):
        data = generate(kind, count)
        write_csv(data, csv_path)
        write_json(data, json_path)
    return csv_path, json_path


# ----------------------------------------------------------------------------- measuring


def _ms(seconds: list[float]) -> dict[str, float]:
    values = sorted(seconds)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return {"p50": statistics.median(values) * 1000, "p95": p95 * 1000}


def _load(path: Path) -> Any:
    from timeline_app.core.columns import build_columns
    from timeline_app.io.opening import open_timeline

    opened = open_timeline(path)
    build_columns(opened.timeline)  # the drawing columns are part of a ready model
    return opened


def _timed_loads(path: Path, repeats: int) -> tuple[float, Any]:
    times = []
    opened = None
    for _ in range(repeats):
        opened = None
        gc.collect()
        start = time.perf_counter()
        opened = _load(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times), opened


def measure(kind: str, count: int, cache: Path, repeats: int) -> dict[str, Any]:
    """Every in-process measure of one dataset."""
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    from timeline_app.core.columns import build_columns
    from timeline_app.core.scene import Scene
    from timeline_app.core.search import search
    from timeline_app.ui.app import application
    from timeline_app.ui.selection import Selection
    from timeline_app.view.canvas import ChronologyCanvas

    application()
    csv_path, json_path = dataset_files(kind, count, cache)
    result: dict[str, Any] = {"kind": kind, "events": count}
    result["load_csv_s"], _ = _timed_loads(csv_path, repeats)
    result["load_json_s"], opened = _timed_loads(json_path, repeats)
    timeline = opened.timeline
    columns = build_columns(timeline)
    layouts = []
    scene = None
    for _ in range(repeats):
        start = time.perf_counter()
        scene = Scene.build(columns)
        layouts.append(time.perf_counter() - start)
    result["layout_s"] = statistics.median(layouts)
    assert scene is not None
    canvas = ChronologyCanvas(Selection())
    canvas.resize(1920, 1080)
    painted = [0]
    canvas.framePainted.connect(lambda: painted.__setitem__(0, painted[0] + 1))
    canvas.show()
    deadline = time.time() + 10
    while not painted[0] and time.time() < deadline:
        QApplication.processEvents()
    canvas.set_scene(timeline, scene)
    canvas.fit_all(animate=False)
    canvas.repaint()
    before = painted[0]
    full = canvas.viewport
    extent = columns.extent or (0, 1)
    middle = (extent[0] + extent[1]) // 2
    pans: dict[str, dict[str, float]] = {}
    zooms: dict[str, dict[str, float]] = {}
    hovers: list[float] = []
    rng = np.random.default_rng(5)
    for label, fraction in (("100%", 1.0), ("10%", 0.1), ("1%", 0.01), ("0.1%", 0.001)):
        span = max(1, int((extent[1] - extent[0]) * fraction))
        view = full if fraction == 1.0 else full.fitted(middle - span // 2, middle + span // 2,
                                                        margin=0.0)
        canvas.set_viewport(view)
        canvas.repaint()
        frames = []
        for step in range(60):
            start = time.perf_counter()
            canvas.pan_by(-12.0 if step < 30 else 12.0)
            canvas.repaint()
            frames.append(time.perf_counter() - start)
        pans[label] = _ms(frames)
        canvas.set_viewport(view)
        canvas.repaint()
        steps = []
        for step in range(20):
            start = time.perf_counter()
            canvas.zoom_by(1.25 if step < 10 else 0.8, canvas.viewport.width / 2)
            canvas.repaint()
            steps.append(time.perf_counter() - start)
        zooms[label] = _ms(steps)
        canvas.set_viewport(view)
        canvas.repaint()
        left, top = canvas.plot_left, canvas.plot_top
        for x, y in zip(rng.uniform(left, 1900, 200).tolist(), rng.uniform(top, 1070, 200)):
            start = time.perf_counter()
            canvas.glyph_at(QPointF(x, float(y)))
            hovers.append(time.perf_counter() - start)
    result["pan_ms"] = pans
    result["zoom_ms"] = zooms
    result["pan_p95_ms"] = max(v["p95"] for v in pans.values())
    result["zoom_p95_ms"] = max(v["p95"] for v in zooms.values())
    result["hover_ms"] = statistics.median(hovers) * 1000
    result["hover_p95_ms"] = _ms(hovers)["p95"]
    canvas.set_viewport(full)
    canvas.repaint()
    searches = []
    shown = columns.ids
    for query in ("tariff", "ceasefire agreement", "xyzzy", "border"):
        start = time.perf_counter()
        found = search(timeline, query, shown)
        canvas.set_emphasis(found.event_ids)
        canvas.repaint()
        searches.append(time.perf_counter() - start)
    canvas.set_emphasis(None)
    assert painted[0] - before >= 4 * 80, "the canvas did not paint every frame"
    result["search_ms"] = statistics.median(searches) * 1000
    result["search_max_ms"] = max(searches) * 1000
    canvas.close()
    canvas.deleteLater()
    return result


# ----------------------------------------------------------------------------- processes


def _rss() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _anonymous() -> int:
    """Resident memory that is the process's own data (not pages of its program files)."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) * 1024
    return _rss()


def _trim() -> None:
    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:
        pass


def child_memory(path: str) -> None:
    """Open ``path`` in the main window (as the app does) and print bytes beyond empty."""
    # The modules that read and index large files are loaded before the baseline, so
    # that what is counted is the data, not the code.
    import msgspec  # noqa: F401
    from PySide6.QtWidgets import QApplication

    import timeline_app.core.search
    import timeline_app.io.csv_import
    import timeline_app.io.native_structs
    import timeline_app.ui.loading  # noqa: F401
    from timeline_app.ui.app import application
    from timeline_app.ui.document import Document
    from timeline_app.ui.main_window import MainWindow

    app = application()
    window = MainWindow(Document(), remember_layout=False)
    window.resize(1920, 1080)
    window.show()
    for _ in range(5):
        QApplication.processEvents()
    window.canvas.repaint()
    _trim()
    empty, empty_rss = _anonymous(), _rss()
    window.open_file(path)
    deadline = time.time() + 300
    while window.document.timeline.events == () and time.time() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        QApplication.processEvents()
    window.canvas.repaint()
    _trim()
    print(json.dumps({"bytes": _anonymous() - empty, "rss_bytes": _rss() - empty_rss,
                      "events": len(window.document.timeline.events)}))
    app.quit()


def child_first_paint() -> None:
    """Start the app on the default chronology; print when the canvas first paints."""
    from PySide6.QtWidgets import QApplication

    from timeline_app.ui.app import application, create_window

    app = application()
    window = create_window(None)
    window.canvas.framePainted.connect(lambda: (print("painted", flush=True),
                                                QApplication.exit(0)))
    window.show()
    app.exec()


def memory_per_event(path: Path) -> tuple[float, float]:
    """Bytes per event of data (anonymous memory), and of all resident memory.

    Resident memory also counts pages of numpy's and Qt's code read from disk the first
    time a file is opened: a one-off cost of the program, not of the events.
    """
    out = subprocess.run([sys.executable, __file__, "--child-memory", str(path)],
                         capture_output=True, text=True, check=True, timeout=900)
    found = json.loads(out.stdout.strip().splitlines()[-1])
    events = max(1, int(found["events"]))
    return float(found["bytes"]) / events, float(found["rss_bytes"]) / events


def first_paint(repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, __file__, "--child-first-paint"],
                                   stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None
        line = process.stdout.readline()
        times.append(time.perf_counter() - start)
        process.wait(timeout=60)
        assert line.startswith("painted")
    return statistics.median(times)


# ----------------------------------------------------------------------------- report


TARGETS = {  # (10^5, 10^6)
    "load_csv_s": (0.4, 2.0), "load_json_s": (0.6, 3.5), "pan_p95_ms": (8, 12),
    "zoom_p95_ms": (16, 20), "hover_ms": (0.3, 0.3), "search_ms": (50, 250),
    "memory_b": (200, 150),
}


def _target(key: str, count: int) -> float | None:
    if key not in TARGETS or count < 100_000:
        return None
    return TARGETS[key][0 if count < 1_000_000 else 1]


def table(results: list[dict[str, Any]], first_paint_s: float | None) -> str:
    rows = [("kind", "events", "CSV s", "JSON s", "layout s", "pan p95 ms", "zoom p95 ms",
             "hover ms", "search ms", "B/event", "RSS B/event")]
    keys = ("load_csv_s", "load_json_s", "layout_s", "pan_p95_ms", "zoom_p95_ms", "hover_ms",
            "search_ms", "memory_b", "memory_rss_b")
    for r in results:
        cells = [r["kind"], f"{r['events']:,}"]
        for key in keys:
            value = r.get(key)
            if value is None:
                cells.append("–")
                continue
            text = f"{value:.3f}" if key.endswith("_s") else f"{value:.2f}" \
                if key == "hover_ms" else f"{value:.0f}" if key.startswith("memory") \
                else f"{value:.1f}"
            target = _target(key, r["events"])
            if target is not None:
                text += " ✓" if value <= target else f" ✗ (≤{target:g})"
            cells.append(text)
        rows.append(tuple(cells))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    if first_paint_s is not None:
        mark = "✓" if first_paint_s <= 0.5 else "✗ (≤0.5)"
        lines.append(f"\nStart to first paint with the default chronology: "
                     f"{first_paint_s:.3f} s {mark}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1e3,1e4,1e5,1e6")
    parser.add_argument("--kinds", default="events,adversarial")
    parser.add_argument("--json", dest="json_out", default="")
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "timeline_bench"))
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--child-memory", default="")
    parser.add_argument("--child-first-paint", action="store_true")
    args = parser.parse_args(argv)
    if args.child_memory:
        child_memory(args.child_memory)
        return 0
    if args.child_first_paint:
        child_first_paint()
        return 0
    sizes = [int(float(s)) for s in args.sizes.split(",") if s]
    cache = Path(args.cache)
    results = []
    for count in sizes:
        for kind in args.kinds.split(","):
            repeats = 3 if count >= 1_000_000 else 5
            result = measure(kind, count, cache, repeats)
            if not args.no_memory:
                result["memory_b"], result["memory_rss_b"] = memory_per_event(
                    dataset_files(kind, count, cache)[0])
            results.append(result)
            print(json.dumps(result), file=sys.stderr, flush=True)
    paint = first_paint()
    print(table(results, paint))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({"results": results, "first_paint_s": paint},
                                                  indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
