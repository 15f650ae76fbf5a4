// The .deb, as a user gets it: Tauri's bundler packs the debug binaries `make test` already
// built (`tauri bundle --debug`, the same configuration and hook as `make package`, which packs
// the release build), then the package is read with dpkg-deb, unpacked into a scratch root and
// what it installs is run from there: the app until its window is ready, the CLI, its man pages
// and its bash completion. Needs a display (make test runs it under xvfb-run).
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";

const repo = resolve(import.meta.dirname, "..", "..");
const conf = JSON.parse(readFileSync(join(repo, "src-tauri", "tauri.conf.json"), "utf8"));
const debugDir = join(repo, "target", "debug");
const tauri = join(repo, "packaging", "node_modules", ".bin", "tauri");
const arch = execFileSync("dpkg", ["--print-architecture"], { encoding: "utf8" }).trim();
const debName = `${conf.productName}_${conf.version}_${arch}.deb`;
const deb = join(debugDir, "bundle", "deb", debName);
const desktopPath = `usr/share/applications/${conf.productName}.desktop`;
const metainfoPath = `usr/share/metainfo/${conf.identifier}.metainfo.xml`;

const scratch = mkdtempSync(join(tmpdir(), "cookie-admin-deb-"));
const root = join(scratch, "root");
after(() => rmSync(scratch, { recursive: true, force: true }));

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: "utf8", ...opts });
const cli = (...args) => run(join(root, "usr/bin/cookie-admin-cli"), args);

const sha256 = (path) => createHash("sha256").update(readFileSync(path)).digest("hex");

/** Width, height and whether a PNG is RGBA (colour type 6), from its IHDR chunk. */
function pngInfo(path) {
  const bytes = readFileSync(path);
  assert.equal(bytes.toString("latin1", 12, 16), "IHDR", path);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), rgba: bytes[25] === 6 };
}

/** The desktop entry's [Desktop Entry] keys. */
function desktopEntry() {
  const entry = {};
  for (const line of readFileSync(join(root, desktopPath), "utf8").split("\n")) {
    const match = /^([A-Za-z0-9-]+(?:\[[^\]]+\])?)=(.*)$/.exec(line);
    if (match) entry[match[1]] = match[2];
  }
  return entry;
}

/** The subcommands the unpacked CLI's --help lists (clap's own `help` aside). */
function subcommands() {
  const help = cli("--help");
  const block = help.split("Commands:\n")[1].split("\n\n")[0];
  return block
    .split("\n")
    .map((line) => line.trim().split(/\s+/)[0])
    .filter((name) => name && name !== "help");
}

function freshXdg() {
  const home = mkdtempSync(join(scratch, "home-"));
  return {
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
  };
}

before(() => {
  for (const bin of ["cookie-admin", "cookie-admin-cli"]) {
    assert.ok(existsSync(join(debugDir, bin)), `target/debug/${bin} is missing: run make test-package`);
  }
  rmSync(deb, { force: true });
  // --no-binary-patching: leave target/debug/cookie-admin exactly as cargo built it (the
  // patch only marks the package type for Tauri's updater, which this app does not use).
  run(tauri, ["bundle", "--debug", "--bundles", "deb", "--no-binary-patching", "--ci"], {
    cwd: join(repo, "src-tauri"),
    stdio: ["ignore", "inherit", "inherit"],
  });
  assert.ok(existsSync(deb), `the bundler wrote no ${deb}`);
  run("dpkg-deb", ["-x", deb, root]);
});

test("the control fields name the package, its version and only runtime libraries", () => {
  const field = (name) => run("dpkg-deb", ["-f", deb, name]).trim();
  assert.equal(field("Package"), "call-page-cookie-admin");
  assert.equal(field("Version"), conf.version);
  assert.equal(field("Architecture"), arch);
  assert.equal(field("Section"), "utils");
  assert.match(field("Description"), /^Cookie consent setup for the CallPage widget\n/);

  const depends = field("Depends").split(/,\s*/);
  assert.ok(depends.includes("libwebkit2gtk-4.1-0"), depends.join(", "));
  assert.ok(depends.includes("libgtk-3-0"), depends.join(", "));
  assert.deepEqual(depends.filter((d) => /-dev\b/.test(d)), [], "no development package");
  // The libraries the app really loads come from the packages it depends on.
  const libs = run("ldd", [join(root, "usr/bin/cookie-admin")]);
  const needed = { "libwebkit2gtk-4.1.so.0": "libwebkit2gtk-4.1-0", "libgtk-3.so.0": "libgtk-3-0" };
  const owners = run("dpkg", ["-S", ...Object.keys(needed)]);
  for (const [soname, pkg] of Object.entries(needed)) {
    assert.ok(libs.includes(soname), `the app does not link ${soname}`);
    const owner = owners.split("\n").find((line) => line.endsWith(`/${soname}`));
    assert.equal(owner?.split(":")[0], pkg, `${soname} is not from ${pkg}: ${owners}`);
  }
});

test("the package holds exactly the app, its desktop entry, icons, metadata and the CLI with its docs", () => {
  const listed = run("dpkg-deb", ["-c", deb])
    .split("\n")
    .filter((line) => line.startsWith("-"))
    .map((line) => line.split(/\s+/).slice(5).join(" ").replace(/^\.\//, ""))
    .sort();
  const iconSizes = conf.bundle.icon.map((icon) => pngInfo(join(repo, "src-tauri", icon)).width);
  const expected = [
    "usr/bin/cookie-admin",
    "usr/bin/cookie-admin-cli",
    desktopPath,
    metainfoPath,
    ...iconSizes.map((s) => `usr/share/icons/hicolor/${s}x${s}/apps/cookie-admin.png`),
    "usr/share/man/man1/cookie-admin-cli.1.gz",
    ...subcommands().map((sub) => `usr/share/man/man1/cookie-admin-cli-${sub}.1.gz`),
    "usr/share/bash-completion/completions/cookie-admin-cli",
    "usr/share/zsh/vendor-completions/_cookie-admin-cli",
    "usr/share/fish/vendor_completions.d/cookie-admin-cli.fish",
    // The third-party CMP code the live preview embeds in the app: its licences and notices.
    ...[
      "README-npm.md",
      "@iabtechlabtcf/cmpapi/LICENSE",
      "@iabtechlabtcf/core/LICENSE",
      "complianz/LICENSE.txt",
      "complianz/README.md",
      "klaro/LICENSE",
      "tarteaucitronjs/LICENSE",
      "vanilla-cookieconsent/LICENSE",
    ].map((file) => `usr/share/doc/cookie-admin/third-party/${file}`),
  ].sort();
  assert.deepEqual(listed, expected);
  // Every licence file vendored under preview/vendor is in the package (a package vendored
  // later cannot ship without its licence).
  const vendored = run("find", [join(repo, "preview/vendor"), "-name", "LICENSE*", "-type", "f"]).trim().split("\n")
    .map((path) => path.slice(join(repo, "preview/vendor/").length).replace(/^npm\//, ""));
  for (const file of vendored) assert.ok(listed.includes(`usr/share/doc/cookie-admin/third-party/${file}`), `${file} is packaged`);
  for (const bin of ["cookie-admin", "cookie-admin-cli"]) {
    const packed = join(root, "usr/bin", bin);
    assert.ok(statSync(packed).mode & 0o111, `${bin} is executable`);
    // The very binaries make test built and tested, not a stale or other-profile copy.
    assert.equal(sha256(packed), sha256(join(debugDir, bin)), `${bin} is target/debug/${bin}`);
  }
});

test("icons: every hicolor size from 16 to 512, RGBA, as large as their folder says", () => {
  const dir = join(root, "usr/share/icons/hicolor");
  const folders = readdirSync(dir).sort((a, b) => parseInt(a) - parseInt(b));
  assert.deepEqual(folders, ["16x16", "24x24", "32x32", "48x48", "64x64", "128x128", "256x256", "512x512"]);
  for (const folder of folders) {
    const info = pngInfo(join(dir, folder, "apps", "cookie-admin.png"));
    assert.equal(`${info.width}x${info.height}`, folder);
    assert.ok(info.rgba, `${folder} icon is RGBA`);
  }
});

test("the desktop entry starts the packaged app with its icon and passes desktop-file-validate", () => {
  const entry = desktopEntry();
  assert.equal(entry.Type, "Application");
  assert.equal(entry.Name, conf.productName);
  assert.equal(entry.Exec, "cookie-admin");
  assert.ok(existsSync(join(root, "usr/bin", entry.Exec)));
  assert.equal(entry.Icon, "cookie-admin");
  assert.equal(entry.Categories, "Utility;");
  assert.equal(entry.Comment, conf.bundle.shortDescription);
  assert.ok(entry["Comment[pl]"], "a Polish comment");
  const result = spawnSync("desktop-file-validate", [join(root, desktopPath)], { encoding: "utf8" });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.equal(result.stdout + result.stderr, "", "no warnings");
});

test("the AppStream metadata passes appstreamcli validate and matches the package", () => {
  const path = join(root, metainfoPath);
  const result = spawnSync("appstreamcli", ["validate", "--no-net", path], { encoding: "utf8" });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /Validation was successful/);
  assert.doesNotMatch(result.stdout, /^[EW]:/m, "no errors or warnings");
  const xml = readFileSync(path, "utf8");
  assert.match(xml, new RegExp(`<id>${conf.identifier.replaceAll(".", "\\.")}</id>`));
  assert.match(xml, new RegExp(`<launchable type="desktop-id">${conf.productName}\\.desktop</launchable>`));
  // The newest release listed is the version being packaged.
  assert.equal(/<release version="([^"]+)"/.exec(xml)[1], conf.version);
});

test("the unpacked CLI runs: version, CMP list, a snippet", () => {
  assert.equal(cli("--version").trim(), `cookie-admin-cli ${conf.version}`);
  const cmps = JSON.parse(cli("cmps", "--json"));
  assert.ok(cmps.some((c) => c.id === "cookiebot"));
  const snippet = cli("snippet", "--features", "all", "--cmp", "cookiebot");
  assert.match(snippet, /cdn-widget\.callpage\.io\/build\/js\/callpage\.js/);
  assert.match(snippet, /data-cookieconsent/);
});

test("every man page renders with man -l, without a groff warning", () => {
  const dir = join(root, "usr/share/man/man1");
  const pages = readdirSync(dir).sort();
  const man = (...paths) =>
    spawnSync("man", ["--warnings", "-l", ...paths], {
      encoding: "utf8",
      env: { ...process.env, MANPAGER: "cat", PAGER: "cat", MANWIDTH: "100", LANG: "C.UTF-8" },
    });
  // One man for all pages (groff per page is slow); only a failure is looked at page by page.
  const all = man(...pages.map((page) => join(dir, page)));
  if (all.status !== 0 || all.stderr !== "") {
    for (const page of pages) {
      const one = man(join(dir, page));
      assert.equal(one.status, 0, `${page}: ${one.stderr}`);
      assert.equal(one.stderr, "", `${page}: groff warnings`);
    }
    assert.fail(`man -l failed on all pages together: ${all.stderr}`);
  }
  const names = [...all.stdout.matchAll(/^NAME\n\s+(\S+)\s+-\s/gm)].map((m) => m[1]).sort();
  assert.deepEqual(names, pages.map((page) => page.replace(/\.1\.gz$/, "")).sort());
  // The snippet page documents its options.
  assert.match(all.stdout, /^\s+--cmp\b/m);
});

test("bash completes the unpacked CLI's subcommands and options", () => {
  const script = join(root, "usr/share/bash-completion/completions/cookie-admin-cli");
  const complete = (line) =>
    run("bash", ["--norc", "--noprofile", "-c", `
      source "$1"
      fn=$(complete -p cookie-admin-cli | sed -E 's/.*-F ([^ ]+) .*/\\1/')
      read -ra COMP_WORDS <<<"$2"
      [ "\${2: -1}" = " " ] && COMP_WORDS+=("")
      COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
      COMP_LINE="$2"; COMP_POINT=\${#COMP_LINE}
      "$fn" cookie-admin-cli "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
      printf '%s\\n' "\${COMPREPLY[@]}"`, "bash", script, line]).split("\n");
  assert.deepEqual(complete("cookie-admin-cli sni").filter(Boolean), ["snippet"]);
  assert.ok(complete("cookie-admin-cli snippet --c").includes("--cmp"));
  assert.ok(!complete("cookie-admin-cli ").includes("generate"), "the hidden subcommand is not offered");

  const zsh = readFileSync(join(root, "usr/share/zsh/vendor-completions/_cookie-admin-cli"), "utf8");
  assert.match(zsh, /^#compdef cookie-admin-cli\n/);
  const fish = readFileSync(join(root, "usr/share/fish/vendor_completions.d/cookie-admin-cli.fish"), "utf8");
  assert.match(fish, /^complete -c cookie-admin-cli .*-a "snippet"/m);
});

test("the desktop entry's command starts the unpacked app on fresh data until its window is ready", async () => {
  const xdg = freshXdg();
  const [command, ...args] = desktopEntry().Exec.split(" ");
  // As a launcher would: the Exec command looked up on PATH, which finds the unpacked app first.
  const child = spawn(command, args, {
    cwd: scratch,
    env: {
      ...process.env,
      ...xdg,
      PATH: `${join(root, "usr/bin")}:${process.env.PATH}`,
      COOKIE_ADMIN_EXIT_WHEN_READY: "1",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d) => { out += d; });
  const code = await new Promise((ok) => {
    const timer = setTimeout(() => { child.kill("SIGTERM"); ok("timed out after 60 s"); }, 60000);
    child.on("exit", (c) => { clearTimeout(timer); ok(c); });
  });
  assert.equal(code, 0, out);
  assert.match(out, /^ready \d+\n$/);
  // It made its database in the fresh data directory, nowhere else.
  assert.ok(existsSync(join(xdg.XDG_DATA_HOME, conf.identifier, "cookie-admin.sqlite")));
});

test("over WebDriver the unpacked app shows its main view; the window class matches the desktop entry", async () => {
  // The end-to-end suite's WebDriver harness, pointed at the unpacked binary.
  process.env.COOKIE_ADMIN_BIN = join(root, "usr/bin/cookie-admin");
  const { launchApp, freshHome } = await import("../e2e/webdriver.mjs");
  const app = await launchApp({ home: freshHome() });
  try {
    await app.waitFor("return document.body.dataset.ready === 'true'", { ms: 30000 });
    assert.equal(await app.execute("return document.title"), conf.productName);
    assert.ok(await app.execute("return document.querySelectorAll('button').length > 0"));

    // A dock groups the window under the launcher when WM_CLASS matches StartupWMClass.
    const tree = run("xwininfo", ["-root", "-tree"]);
    const id = new RegExp(`^\\s*(0x[0-9a-f]+) "${conf.productName}"`, "m").exec(tree)?.[1];
    assert.ok(id, `no window named ${conf.productName}:\n${tree}`);
    const wmClass = run("xprop", ["-id", id, "WM_CLASS"]);
    assert.ok(wmClass.includes(`"${desktopEntry().StartupWMClass}"`), wmClass);
  } finally {
    await app.close();
  }
});
