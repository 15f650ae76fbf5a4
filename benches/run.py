#!/usr/bin/env python3
"""`make bench`: speed and memory against the floor of each job, side by side in one run.

Prints a table (figure, ours, floor, ratio, goal, met?) and writes it, with every raw sample,
to target/bench/results.json (and results.md). Standard library only. Steps:

1. derivation: criterion (`cargo bench -p cookie-admin-core --bench derivation`);
2. store: bulk import of a generated 10,000-account bundle vs Debian's sqlite3 shell running
   the same rows in one transaction (interleaved runs, fresh database each); search on a
   100,000-account database; csv-mappings export of 10,000 accounts for all targets
   (crates/store/examples/bench_store.rs);
3. window: release builds of the app and of the blank Tauri window (benches/blank-window),
   under one Xvfb: cold start to `ready` and resident memory of each process tree, interleaved;
   the app on 100,000 accounts vs on 1 account (cold start, memory);
4. feature switch (visible DOM changes, painted) and tab switch in the real webview
   (benches/toggle.mjs, WebKitWebDriver);
5. site check: the release CLI on a generated 5 MB page and a generated 200 MB HAR recording
   (wall time and peak resident memory from wait4).

Environment: BENCH_QUICK=1 for fewer repetitions; BENCH_ONLY=derivation,store,window,scale,toggle,preview
to run some steps (the table then shows only those; also `site`); CARGO_TARGET_DIR as for
cargo.
"""

import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")).resolve()
OUT = TARGET / "bench"
WORK = OUT / "work"
QUICK = os.environ.get("BENCH_QUICK") == "1"
ONLY = {s for s in os.environ.get("BENCH_ONLY", "").split(",") if s}
APP_ID = "io.callpage.cookie-admin"
SEED_ACCOUNTS = 1000

rows = []  # the table
raw = {}  # everything measured


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def run(cmd, **kw):
    log("$ " + " ".join(str(c) for c in cmd))
    return subprocess.run(cmd, check=True, **kw)


def want(step):
    return not ONLY or step in ONLY


def add(figure, ours, floor, unit, goal, goal_kind, note=""):
    """goal_kind: 'ratio' (ours/floor <= goal) or 'max' (ours <= goal, in unit)."""
    ratio = ours / floor if floor else None
    if goal is None:
        met = None
        goal_text = "(info)"
    elif goal_kind == "ratio":
        met = ratio is not None and ratio <= goal
        goal_text = f"<= {goal}x"
    else:
        met = ours <= goal
        goal_text = f"<= {fmt(goal, unit)}"
    rows.append(
        {
            "figure": figure,
            "ours": ours,
            "floor": floor,
            "unit": unit,
            "ratio": ratio,
            "goal": goal_text,
            "met": met,
            "note": note,
        }
    )


def fmt(value, unit):
    if value is None:
        return "-"
    if unit == "us":
        return f"{value:.1f} us"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    return f"{value:g} {unit}"


def median(xs):
    return statistics.median(xs) if xs else float("nan")


# ---------------------------------------------------------------------------------------------
# 1. derivation (criterion)


def bench_derivation():
    args = ["--warm-up-time", "1", "--measurement-time", "2" if QUICK else "5"]
    run(["cargo", "bench", "-p", "cookie-admin-core", "--bench", "derivation", "--", *args], cwd=ROOT)
    parts = {}
    for name in ["all", "cookie_list", "checks", "snippets_18", "preview"]:
        est = json.loads((TARGET / "criterion" / "derivation" / name / "new" / "estimates.json").read_text())
        parts[name] = est["median"]["point_estimate"] / 1000.0  # ns -> us
    # The floor of the snippets' part: SHA-256 of the 18 fingerprinted texts, nothing else.
    floor_dir = TARGET / "criterion" / "derivation_floor" / "sha256_18_snippets" / "new"
    parts["sha256_18_snippets"] = json.loads((floor_dir / "estimates.json").read_text())["median"]["point_estimate"] / 1000.0
    hashed = json.loads((floor_dir / "benchmark.json").read_text()).get("throughput", {}).get("Bytes")
    raw["derivation_us"] = parts
    raw["derivation_hashed_bytes"] = hashed
    add(
        "Derivation: cookie list + checks + 18 snippets (criterion median)",
        parts["all"],
        None,
        "us",
        50.0,
        "max",
        f"cookie list {parts['cookie_list']:.1f} us, checks {parts['checks']:.1f} us, "
        f"18 snippets {parts['snippets_18']:.1f} us; per edit (summary + 1 snippet) {parts['preview']:.1f} us",
    )
    add(
        "Derivation floor: SHA-256 of the 18 snippets' fingerprinted text alone (criterion median)",
        parts["sha256_18_snippets"],
        None,
        "us",
        None,
        "max",
        f"{hashed} bytes hashed ({hashed / parts['sha256_18_snippets'] / 1000:.2f} GB/s); the marker's content "
        "fingerprint, which any derivation of the 18 snippets pays",
    )


# ---------------------------------------------------------------------------------------------
# 2. store


def timed(cmd, stdin=None):
    """Wall seconds and CPU seconds (user + sys) of one process run to completion."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = proc.stdout.read().decode()
    err = proc.stderr.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}): {err.strip()}")
    return wall, usage.ru_utime + usage.ru_stime, out


def remove_db(path):
    for suffix in ["", "-wal", "-shm", "-journal"]:
        Path(str(path) + suffix).unlink(missing_ok=True)


def bench_store():
    run(["cargo", "build", "--release", "-p", "cookie-admin-store", "--example", "bench_store"], cwd=ROOT)
    tool = str(TARGET / "release" / "examples" / "bench_store")
    data = WORK / "store"
    data.mkdir(parents=True, exist_ok=True)
    bundle, sql = data / "bundle-10k.json", data / "bundle-10k.sql"
    gen = json.loads(
        subprocess.run(
            [tool, "gen", "--accounts", "10000", "--bundle", bundle, "--sql", sql],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    log(f"generated {gen['accounts']} accounts, {gen['versions']} versions")

    # Bulk import vs the sqlite3 shell: interleaved, a fresh database for every run.
    reps = 3 if QUICK else 7
    ours_db, floor_db = data / "import-ours.sqlite", data / "import-floor.sqlite"
    samples = {"ours_wall": [], "ours_cpu": [], "floor_wall": [], "floor_cpu": []}
    for i in range(reps):
        order = ["ours", "floor"] if i % 2 == 0 else ["floor", "ours"]
        for who in order:
            if who == "ours":
                remove_db(ours_db)
                wall, cpu, _ = timed([tool, "import", "--bundle", str(bundle), "--db", str(ours_db)])
            else:
                remove_db(floor_db)
                with open(sql, "rb") as f:
                    wall, cpu, _ = timed(["sqlite3", str(floor_db)], stdin=f)
            samples[f"{who}_wall"].append(wall * 1000)
            samples[f"{who}_cpu"].append(cpu * 1000)
    counts = {}
    for who, db in [("ours", ours_db), ("floor", floor_db)]:
        out = subprocess.run(
            ["sqlite3", "-readonly", str(db),
             "SELECT (SELECT count(*) FROM accounts)||','||(SELECT count(*) FROM config_versions)"
             "||','||(SELECT count(*) FROM account_domains)||','||(SELECT count(*) FROM account_features)"],
            check=True, capture_output=True, text=True).stdout.strip()
        counts[who] = out
    if counts["ours"] != counts["floor"]:
        raise RuntimeError(f"import and sqlite3 wrote different rows: {counts}")
    raw["import"] = {"generated": gen, "rows": counts["ours"], "samples_ms": samples,
                     "bundle_bytes": bundle.stat().st_size, "sql_bytes": sql.stat().st_size}
    add(
        "Bulk import, 10,000 accounts / %d versions (wall, median of %d)" % (gen["versions"], reps),
        median(samples["ours_wall"]),
        median(samples["floor_wall"]),
        "ms",
        1.5,
        "ratio",
        "floor: sqlite3 shell, same schema and rows, one transaction; CPU time %s vs %s"
        % (fmt(median(samples["ours_cpu"]), "ms"), fmt(median(samples["floor_cpu"]), "ms")),
    )

    # Search on 100,000 accounts.
    big = data / "accounts-100k.sqlite"
    remove_db(big)
    run([tool, "build-db", "--accounts", "100000", "--db", str(big)])
    search = json.loads(
        subprocess.run([tool, "search", "--db", str(big), "--repeat", "11" if QUICK else "31"],
                       check=True, capture_output=True, text=True).stdout)
    raw["search"] = search
    add("Search 100,000 accounts by domain (list_accounts, median)", search["domain"]["median_ms"], None,
        "ms", 20.0, "max", f"{search['domain']['rows']} match")
    page = search["feature_page"]
    add("Search 100,000 accounts by enabled feature: a page of %d and the count (median)" % page["rows"],
        page["median_ms"], None, "ms", 20.0, "max",
        f"{page['total']} match ({page['feature']}); what the window's list asks for")
    add("Search 100,000 accounts by enabled feature: the whole list (list_accounts, median)",
        search["feature"]["median_ms"], None, "ms", None, "max",
        f"{search['feature']['rows']} rows, as the CLI lists them")

    # csv-mappings export of 10,000 accounts for all targets (no CMP chosen -> all 18).
    nocmp = data / "accounts-10k-nocmp.sqlite"
    remove_db(nocmp)
    run([tool, "build-db", "--accounts", "10000", "--no-cmp", "--db", str(nocmp)])
    export = json.loads(
        subprocess.run([tool, "export-mappings", "--db", str(nocmp), "--out", str(data / "mappings.csv"),
                        "--repeat", "3" if QUICK else "5"], check=True, capture_output=True, text=True).stdout)
    raw["export"] = export
    add("Export category mappings, 10,000 accounts x 18 targets, CSV (median)", export["median_ms"], None,
        "ms", 1000.0, "max", f"{export['rows']} rows, {export['bytes'] / 1e6:.0f} MB")


# ---------------------------------------------------------------------------------------------
# 2b. site check: a 5 MB page and a 200 MB HAR through the release CLI


def timed_rss(cmd):
    """Wall milliseconds and peak resident memory (MiB) of one process run to completion."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    err = proc.stderr.read().decode()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: error-level findings, which the generated inputs have on purpose
        raise RuntimeError(f"{cmd[0]} failed ({code}): {err.strip()}")
    return wall, usage.ru_maxrss / 1024.0


def site_page(snippet, size):
    """A deterministic page of about `size` bytes: a real head (Cookiebot, the Consent Mode
    default, GTM, the generated snippet) and a long catalogue body with inline scripts,
    JSON-LD, comments and entities, as shop pages have."""
    head = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>ACME Shop - catalogue</title>',
        '<script id="Cookiebot" src="https://consent.cookiebot.com/uc.js" '
        'data-cbid="00000000-0000-0000-0000-000000000000" type="text/javascript"></script>',
        "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}"
        "gtag('consent', 'default', {'ad_storage': 'denied', 'ad_user_data': 'denied', "
        "'ad_personalization': 'denied', 'analytics_storage': 'denied', 'wait_for_update': 500});</script>",
        snippet,
        "<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});"
        "var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;"
        "j.src='https://www.googletagmanager.com/gtm.js?id='+i;f.parentNode.insertBefore(j,f);"
        "})(window,document,'script','dataLayer','GTM-BENCH');</script>",
        '<link rel="stylesheet" href="/assets/site.css"></head><body>',
    ]
    out = ["\n".join(head)]
    total = len(out[0])
    i = 0
    while total < size:
        i += 1
        card = (
            f'<div class="product-card col-md-4" data-id="{i}" data-price="{i % 97}.99">'
            f'<a href="/p/{i}?ref=list&amp;pos={i % 24}"><img src="/img/{i}.jpg" alt="Product {i} &ndash; blue" '
            f'loading="lazy" width="300" height="300"></a><h3>Product {i}</h3>'
            f"<p>Leave your number &amp; we call you back about product {i} within 28 seconds.</p>"
            f'<button class="btn" onclick="callpage(\'api.widget.open\')">Call me</button></div>\n'
        )
        out.append(card)
        total += len(card)
        if i % 50 == 0:
            block = (
                f'<script type="application/ld+json">{{"@context":"https://schema.org","@type":"Product",'
                f'"name":"Product {i}","offers":{{"price":"{i % 97}.99"}}}}</script>\n'
                f"<script>dataLayer.push({{event:'view_item_list', items:[{i},{i + 1},{i + 2}], note:'a < b && c'}});</script>\n"
                f"<!-- product block {i} -->\n"
            )
            out.append(block)
            total += len(block)
    out.append("</body></html>\n")
    return "".join(out)


def site_har(path, size):
    """A deterministic HAR 1.2 recording of about `size` bytes: the page, the CMP, the widget
    script, and many requests with large response bodies (what makes real recordings big)."""
    body = ("<div class=\\\"x\\\">" + "lorem ipsum dolor sit amet " * 40 + "</div>") * 60  # ~100 KB, escaped
    written = 0
    with open(path, "w") as f:
        head = '{"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "pages": [], "entries": [\n'
        f.write(head)
        written += len(head)
        i = 0
        while written < size:
            if i == 0:
                url, cookies = "https://acme.example/", ""
            elif i == 1:
                url, cookies = "https://consent.cookiebot.com/uc.js", ""
            elif i == 2:
                url, cookies = "https://cdn-widget.callpage.io/build/js/callpage.js?v=20260301", ""
            else:
                url, cookies = f"https://acme.example/assets/chunk-{i}.js", "CookieConsent=yes; cp_visitor_id=abc"
            entry = (
                ("," if i else "")
                + '{"startedDateTime": "2026-03-01T10:%02d:%02d.000Z", "time": 12.5, '
                % ((i // 60) % 60, i % 60)
                + '"request": {"method": "GET", "url": "%s", "httpVersion": "http/2.0", '
                '"headers": [{"name": "Cookie", "value": "%s"}, {"name": "User-Agent", "value": "Mozilla/5.0"}], '
                '"queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0}, ' % (url, cookies)
                + '"response": {"status": 200, "statusText": "", "httpVersion": "http/2.0", "headers": [], "cookies": [], '
                '"content": {"size": %d, "mimeType": "text/html", "text": "%s"}, "redirectURL": "", '
                '"headersSize": -1, "bodySize": %d}, "cache": {}, "timings": {"send": 0, "wait": 10, "receive": 2.5}}\n'
                % (len(body), body, len(body))
            )
            f.write(entry)
            written += len(entry)
            i += 1
        f.write("]}}\n")
    return i


def bench_site():
    run(["cargo", "build", "--release", "-p", "cookie-admin-cli"], cwd=ROOT)
    cli = str(TARGET / "release" / "cookie-admin-cli")
    data = WORK / "site"
    data.mkdir(parents=True, exist_ok=True)
    snippet = subprocess.run([cli, "snippet", "--cmp", "cookiebot", "--features", "all"],
                             check=True, capture_output=True, text=True).stdout
    page = data / "page-5mb.html"
    page.write_text(site_page(snippet, 5 * 1000 * 1000))
    small = data / "page-small.html"
    small.write_text(site_page(snippet, 20 * 1000))
    har = data / "recording-200mb.har"
    entries = site_har(har, 200 * 1000 * 1000)
    reps = 5 if QUICK else 15
    walls, rss = [], []
    for _ in range(reps):
        wall, mem = timed_rss([cli, "site-check", "--page", str(page), "--json"])
        walls.append(wall)
        rss.append(mem)
    raw["site_page"] = {"bytes": page.stat().st_size, "wall_ms": walls, "max_rss_mib": rss}
    add("Site check: 5 MB page, release CLI end to end (median of %d)" % reps, median(walls), None, "ms",
        100.0, "max", f"{page.stat().st_size / 1e6:.1f} MB, peak memory {max(rss):.0f} MiB")
    reps = 3 if QUICK else 5
    walls, rss = [], []
    for _ in range(reps):
        wall, mem = timed_rss([cli, "site-check", "--page", str(small), "--har", str(har), "--json"])
        walls.append(wall)
        rss.append(mem)
    raw["site_har"] = {"bytes": har.stat().st_size, "entries": entries, "wall_ms": walls, "max_rss_mib": rss}
    add("Site check: 200 MB HAR, release CLI end to end (median of %d)" % reps, median(walls), None, "ms",
        3000.0, "max", f"{har.stat().st_size / 1e6:.0f} MB, {entries} entries, with a 20 kB page")
    add("Site check: 200 MB HAR, peak resident memory (max of %d)" % reps, max(rss), None, "MiB",
        100.0, "max", "ru_maxrss of the CLI process")


# ---------------------------------------------------------------------------------------------
# 3. window: cold start and memory, app vs blank Tauri window


def start_xvfb():
    for display in range(140, 200):
        if Path(f"/tmp/.X{display}-lock").exists() or Path(f"/tmp/.X11-unix/X{display}").exists():
            continue
        proc = subprocess.Popen(
            ["Xvfb", f":{display}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{display}").exists():
                return proc, f":{display}"
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        if proc.poll() is None:
            proc.terminate()
            proc.wait()
    raise RuntimeError("could not start Xvfb")


def fresh_home(seed_db=None):
    home = Path(tempfile.mkdtemp(prefix="cookie-admin-bench-", dir=WORK))
    for d in ["data", "config", "cache"]:
        (home / d).mkdir()
    if seed_db:
        (home / "data" / APP_ID).mkdir(parents=True)
        shutil.copy(seed_db, home / "data" / APP_ID / "cookie-admin.sqlite")
    return home


def env_for(home, display, exit_when_ready, cache=None):
    """A fresh home's XDG directories; `cache` (XDG_CACHE_HOME, where Mesa keeps its shader
    cache) may be one kept across runs of the same binary."""
    env = dict(os.environ)
    env.pop("WAYLAND_DISPLAY", None)
    env.update(
        DISPLAY=display,
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(cache or home / "cache"),
    )
    if exit_when_ready:
        env["COOKIE_ADMIN_EXIT_WHEN_READY"] = "1"
    else:
        env.pop("COOKIE_ADMIN_EXIT_WHEN_READY", None)
    return env


def stop_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def cold_start(binary, home, display, cache=None):
    """Wall ms from spawn to the `ready` line, and the ms the process reported."""
    start = time.perf_counter()
    proc = subprocess.Popen([binary], env=env_for(home, display, True, cache), stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, start_new_session=True, text=True)
    # A window that never gets ready (and never exits) must not hang the run: after 60 s its
    # process group is stopped, which ends the read below.
    watchdog = threading.Timer(60, stop_group, [proc])
    watchdog.start()
    try:
        reported = None
        for line in proc.stdout:
            if line.startswith("ready "):
                reported = float(line.split()[1])
                break
        wall = (time.perf_counter() - start) * 1000
        watchdog.cancel()
        if reported is None:
            raise RuntimeError(f"{binary} did not print 'ready' within 60 s")
        proc.wait(timeout=30)
        if proc.returncode != 0:
            raise RuntimeError(f"{binary} exited {proc.returncode} after ready")
        return wall, reported
    finally:
        stop_group(proc)


def descendants(pid):
    children = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def memory_of_tree(pid):
    """Sum of Rss and Pss (KiB) over the process and its descendants, and the process names."""
    rss = pss = 0
    names = []
    for p in descendants(pid):
        try:
            rollup = Path(f"/proc/{p}/smaps_rollup").read_text()
            names.append(Path(f"/proc/{p}/comm").read_text().strip())
        except OSError:
            continue
        for line in rollup.splitlines():
            key, _, rest = line.partition(":")
            if key == "Rss":
                rss += int(rest.split()[0])
            elif key == "Pss":
                pss += int(rest.split()[0])
    return rss, pss, sorted(names)


def memory(binary, home, display, settle_after_ms, cache=None):
    """Resident memory once started: wait until the WebKit web process exists and the tree's
    Pss has been steady (within 1%) for one second, at least `settle_after_ms` after spawn."""
    start = time.perf_counter()
    proc = subprocess.Popen([binary], env=env_for(home, display, False, cache), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        history = []
        while True:
            time.sleep(0.25)
            if proc.poll() is not None:
                raise RuntimeError(f"{binary} exited early ({proc.returncode})")
            rss, pss, names = memory_of_tree(proc.pid)
            elapsed = (time.perf_counter() - start) * 1000
            history.append(pss)
            steady = len(history) >= 5 and max(history[-5:]) <= min(history[-5:]) * 1.01
            if ("WebKitWebProcess" in names and steady and elapsed >= settle_after_ms) or elapsed > 20000:
                return {"rss_kib": rss, "pss_kib": pss, "processes": names, "after_ms": elapsed}
    finally:
        stop_group(proc)


def build_window_binaries():
    # Production builds: `tauri build` adds tauri's custom-protocol feature; so do we, to both.
    run(["cargo", "build", "--release", "-p", "cookie-admin", "--features", "tauri/custom-protocol"], cwd=ROOT)
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET))
    run(["cargo", "build", "--release", "--features", "tauri/custom-protocol"], cwd=ROOT / "benches" / "blank-window",
        env=env)
    return str(TARGET / "release" / "cookie-admin"), str(TARGET / "release" / "blank-window")


def seed_database(accounts=SEED_ACCOUNTS):
    """A database of `accounts` generated accounts for the app to start on (built once per
    run, with the release store tool)."""
    tool = TARGET / "release" / "examples" / "bench_store"
    run(["cargo", "build", "--release", "-p", "cookie-admin-store", "--example", "bench_store"], cwd=ROOT)
    seed = WORK / f"seed-{accounts}.sqlite"
    remove_db(seed)
    run([str(tool), "build-db", "--accounts", str(accounts), "--db", str(seed)])
    return seed


def bench_scale(display, app, small, big):
    """Cold start and memory of the app on 100,000 accounts vs on 1 account (interleaved, same
    procedure as bench_window, the shader cache kept)."""
    reps = 5 if QUICK else 11
    cache = WORK / "cache-app-scale"
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    seeds = {"one": small, "many": big}
    starts = {who: [] for who in seeds}
    for who in seeds:  # untimed: page cache and shader cache
        home = fresh_home(seeds[who])
        cold_start(app, home, display, cache)
        shutil.rmtree(home, ignore_errors=True)
    for i in range(reps):
        for who in (["one", "many"] if i % 2 == 0 else ["many", "one"]):
            home = fresh_home(seeds[who])
            wall, _ = cold_start(app, home, display, cache)
            shutil.rmtree(home, ignore_errors=True)
            starts[who].append(wall)
    mem_reps = 3 if QUICK else 5
    mems = {who: [] for who in seeds}
    settle = max(median(starts["one"]), median(starts["many"])) + 1000
    for i in range(mem_reps):
        for who in (["one", "many"] if i % 2 == 0 else ["many", "one"]):
            home = fresh_home(seeds[who])
            mems[who].append(memory(app, home, display, settle, cache))
            shutil.rmtree(home, ignore_errors=True)
    raw["scale"] = {"cold_start_ms": starts, "memory": mems}
    add(f"Cold start with 100,000 accounts vs with 1 account (median of {reps})", median(starts["many"]),
        median(starts["one"]), "ms", 1.2, "ratio", "floor: the same app on a 1-account database")
    pss = lambda who: median([m["pss_kib"] for m in mems[who]]) / 1024  # noqa: E731
    add(f"Memory (PSS) with 100,000 accounts vs with 1 account (median of {mem_reps})", pss("many"), pss("one"),
        "MiB", 1.2, "ratio", "floor: the same app on a 1-account database")


def bench_window(display, app, blank, seed):
    """Each run gets fresh data and config directories (no settings, no WebKit state; the app
    a copy of the seeded database). "Cold start" keeps each binary's XDG_CACHE_HOME across its
    runs, as on a user's machine after the first launch: without a GPU, Mesa (llvmpipe)
    compiles the shaders a page needs on first use and caches them there. "First launch" also
    starts from an empty cache directory."""
    reps = 5 if QUICK else 11
    binaries = {"app": app, "blank": blank}
    caches = {}
    for who in binaries:
        caches[who] = WORK / f"cache-{who}"
        shutil.rmtree(caches[who], ignore_errors=True)
        caches[who].mkdir(parents=True)
    starts = {f"{who}_{kind}": [] for who in binaries for kind in ["cold", "cold_reported", "first", "first_reported"]}
    # One untimed run of each first: loads the binaries and WebKit into the page cache and
    # fills the kept shader caches.
    for who, binary in binaries.items():
        home = fresh_home(seed if who == "app" else None)
        cold_start(binary, home, display, caches[who])
        shutil.rmtree(home, ignore_errors=True)
    for i in range(reps):
        order = [(who, kind) for who in binaries for kind in ["cold", "first"]]
        if i % 2:
            order.reverse()
        for who, kind in order:
            home = fresh_home(seed if who == "app" else None)
            cache = caches[who] if kind == "cold" else None
            wall, reported = cold_start(binaries[who], home, display, cache)
            shutil.rmtree(home, ignore_errors=True)
            starts[f"{who}_{kind}"].append(wall)
            starts[f"{who}_{kind}_reported"].append(reported)
    raw["cold_start_ms"] = starts
    add(
        f"Cold start to interactive, {SEED_ACCOUNTS} accounts (spawn -> ready, median of {reps})",
        median(starts["app_cold"]),
        median(starts["blank_cold"]),
        "ms",
        1.15,
        "ratio",
        "shader cache kept between runs; self-reported: %s vs %s" % (
            fmt(median(starts["app_cold_reported"]), "ms"), fmt(median(starts["blank_cold_reported"]), "ms")),
    )
    add(
        f"First launch (empty caches too), {SEED_ACCOUNTS} accounts (median of {reps})",
        median(starts["app_first"]),
        median(starts["blank_first"]),
        "ms",
        None,
        "ratio",
        "every run compiles its shaders again (llvmpipe, no GPU)",
    )

    mem_reps = 3 if QUICK else 5
    mems = {"app": [], "blank": []}
    settle = max(median(starts["app_cold"]), median(starts["blank_cold"])) + 1000
    for i in range(mem_reps):
        order = [("app", app), ("blank", blank)]
        if i % 2:
            order.reverse()
        for who, binary in order:
            home = fresh_home(seed if who == "app" else None)
            mems[who].append(memory(binary, home, display, settle, caches[who]))
            shutil.rmtree(home, ignore_errors=True)
    raw["memory"] = mems
    mib = lambda who, key: median([m[key] for m in mems[who]]) / 1024  # noqa: E731
    add(
        "Memory after start: PSS of app + WebKit processes (median of %d)" % mem_reps,
        mib("app", "pss_kib"),
        mib("blank", "pss_kib"),
        "MiB",
        1.15,
        "ratio",
        "processes: " + ", ".join(mems["app"][0]["processes"]),
    )
    add(
        "Memory after start: RSS sum of app + WebKit processes (median of %d)" % mem_reps,
        mib("app", "rss_kib"),
        mib("blank", "rss_kib"),
        "MiB",
        1.15,
        "ratio",
        "RSS counts shared pages once per process",
    )


def run_window_script(script, display, app, n, seed=None):
    """Runs benches/<script> (a WebDriver script in the real window) on a fresh home and returns
    the JSON object it prints last; its stderr is in the error if it fails."""
    home = fresh_home(seed)
    env = dict(env_for(home, display, False), COOKIE_ADMIN_BIN=app)
    try:
        out = subprocess.run(["node", str(ROOT / "benches" / script), "--home", str(home), "--n", n],
                             env=env, check=True, capture_output=True, text=True, cwd=ROOT, timeout=1800)
    except subprocess.CalledProcessError as e:
        raise RuntimeError(f"{script} exited {e.returncode}: {e.stderr.strip()[-2000:]}") from e
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_toggle(display, app, seed):
    result = run_window_script("toggle.mjs", display, app, "50" if QUICK else "200", seed)
    raw["toggle"] = result
    paint, dom, tab = result["paint_ms"], result["dom_ms"], result["tab_ms"]
    n = result["toggles"]
    add(
        f"Feature switch: click -> every visible change in the DOM, p95 ({n} switches)",
        dom["p95"],
        None,
        "ms",
        8.0,
        "max",
        f"p50 {dom['p50']:.1f} ms; the verdict and the cookie count badge; {result['accounts_listed']} listed",
    )
    add(
        f"Feature switch: click -> painted, p95 ({n} switches)",
        paint["p95"],
        None,
        "ms",
        33.0,
        "max",
        f"p50 {paint['p50']:.1f} ms; after the next painted frame",
    )
    add(
        f"Tab switch to a built tab (cookie list, snippet), click -> painted, p95 ({n} switches)",
        tab["p95"],
        None,
        "ms",
        33.0,
        "max",
        f"p50 {tab['p50']:.1f} ms; the tab was drawn before and catches up with the switch",
    )


def bench_preview(display, app):
    """The live consent preview (issue 17): CMP switch -> new preview, write -> log row painted."""
    result = run_window_script("preview.mjs", display, app, "10" if QUICK else "30")
    raw["preview"] = result
    switch, row = result["switch_ms"], result["row_ms"]
    add(
        f"Preview: switch the CMP -> the new test site loaded, p95 ({result['switches']} switches)",
        switch["p95"],
        None,
        "ms",
        500.0,
        "max",
        f"p50 {switch['p50']:.0f} ms; Klaro (real code) and Cookiebot (model) alternately",
    )
    add(
        f"Preview: a consent click's storage write -> its log row painted, p95 ({result['rows']} writes)",
        row["p95"],
        None,
        "ms",
        16.7,
        "max",
        f"p50 {row['p50']:.0f} ms; the frame shares the window's WebKit main thread: a row paints after the page's task that wrote it",
    )


# ---------------------------------------------------------------------------------------------


def machine():
    def sh(cmd):
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
        except OSError:
            return ""

    mem_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kib = int(line.split()[1])
    return {
        "nproc": sh("nproc"),
        "cpu": sh("lscpu | sed -n 's/^Model name: *//p' | head -1"),
        "lscpu": sh("lscpu | head -20"),
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "kernel": platform.release(),
        "os": sh(". /etc/os-release && echo \"$PRETTY_NAME\"") + " (" + sh("cat /etc/debian_version") + ")",
        "loadavg_at_start": Path("/proc/loadavg").read_text().split()[:3],
        "rustc": sh("rustc --version"),
        "webkit": sh("dpkg-query -W -f='${Version}' libwebkit2gtk-4.1-0"),
        "sqlite3": sh("sqlite3 --version | cut -d' ' -f1"),
    }


def table_text():
    head = ["Figure", "Ours", "Floor", "Ratio", "Goal", "Met?"]
    lines = []
    for r in rows:
        lines.append([
            r["figure"],
            fmt(r["ours"], r["unit"]),
            fmt(r["floor"], r["unit"]) if r["floor"] else "-",
            f"{r['ratio']:.2f}x" if r["ratio"] else "-",
            r["goal"],
            "-" if r["met"] is None else "yes" if r["met"] else "NO",
        ])
    widths = [max(len(head[i]), *(len(l[i]) for l in lines)) if lines else len(head[i]) for i in range(6)]
    out = ["  ".join(h.ljust(w) for h, w in zip(head, widths)), "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(l, widths)) for l in lines]
    md = ["| " + " | ".join(head) + " |", "|" + "---|" * 6]
    md += ["| " + " | ".join(l) + " |" for l in lines]
    notes = [f"- {r['figure']}: {r['note']}" for r in rows if r["note"]]
    return "\n".join(out), "\n".join(md + [""] + notes)


def main():
    began = time.time()
    OUT.mkdir(parents=True, exist_ok=True)
    WORK.mkdir(parents=True, exist_ok=True)
    info = machine()
    errors = []

    def step(name, fn, *args):
        # The machine may be shared: the load average around each step goes with the results.
        load = raw.setdefault("loadavg", {})
        load[name] = {"start": Path("/proc/loadavg").read_text().split()[:3]}
        log(f"{name}: load average {' '.join(load[name]['start'])}")
        try:
            fn(*args)
        except Exception as e:  # keep going: a failed step is reported, the others still run
            log(f"{name} FAILED: {e}")
            errors.append(f"{name}: {e}")
        load[name]["end"] = Path("/proc/loadavg").read_text().split()[:3]

    if want("derivation"):
        step("derivation", bench_derivation)
    if want("store"):
        step("store", bench_store)
    if want("site"):
        step("site", bench_site)
    if want("window") or want("toggle") or want("scale") or want("preview"):
        xvfb = None
        try:
            app, blank = build_window_binaries()
            seed = seed_database()
            xvfb, display = start_xvfb()
            if want("window"):
                step("window", bench_window, display, app, blank, seed)
            if want("scale"):
                step("scale", lambda: bench_scale(display, app, seed_database(1), seed_database(100000)))
            if want("toggle"):
                step("toggle", bench_toggle, display, app, seed)
            if want("preview"):
                step("preview", bench_preview, display, app)
        except Exception as e:
            log(f"window FAILED: {e}")
            errors.append(f"window: {e}")
        finally:
            if xvfb:
                xvfb.terminate()
                xvfb.wait()

    text, md = table_text()
    elapsed = time.time() - began
    info["loadavg_at_end"] = Path("/proc/loadavg").read_text().split()[:3]
    result = {"machine": info, "rows": rows, "raw": raw, "errors": errors, "quick": QUICK,
              "seconds": round(elapsed), "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    (OUT / "results.json").write_text(json.dumps(result, indent=2))
    (OUT / "results.md").write_text(md + "\n")
    print()
    print(text)
    print()
    print(f"machine: {info['nproc']} cores, {info['cpu']}, {info['memory_gib']} GiB, {info['os']}, "
          f"kernel {info['kernel']}; load at start {' '.join(info['loadavg_at_start'])}, "
          f"at end {' '.join(info['loadavg_at_end'])}; took {elapsed / 60:.1f} min")
    print(f"written: {OUT / 'results.json'}, {OUT / 'results.md'}")
    for e in errors:
        print(f"FAILED: {e}")
    # Unmet goals are findings, not failures; a step that could not run is a failure.
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
