// The live page in a real browser: Debian's chromium, headless, driven by playwright-core (installed
// by npm ci from web/package-lock.json into the build directory). Runs host_exporter itself.
//
//   node test_live_page.mjs --binary B --modules build/web/node_modules --fixtures tests/fixtures \
//        --artifacts DIR [--chromium /usr/bin/chromium]
//
// Exits 77 (skipped) when no chromium is installed. Screenshots (light and dark) go to --artifacts.

import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { test, after } from "node:test";
import assert from "node:assert/strict";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const chromiumPath = args.chromium || ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);
if (!chromiumPath) {
  console.log("skipped: no chromium (scripts/install-deps.sh --for test installs it)");
  process.exit(77);
}
const { chromium } = createRequire(resolve(args.modules, "require-from-here.js"))("playwright-core");
mkdirSync(args.artifacts, { recursive: true });

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, check, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

// A host_exporter on a free loopback port, stopped at the end of the run.
const running = [];
async function exporter(extra = [], port = null) {
  port ??= await freePort();
  const env = { ...process.env };
  delete env.KUBERNETES_SERVICE_HOST;
  delete env.container;
  const child = spawn(args.binary, [`--web.listen-address=127.0.0.1:${port}`, "--sampler.interval=500ms", ...extra],
                      { stdio: ["ignore", "ignore", "pipe"], env });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  running.push(child);
  const url = `http://127.0.0.1:${port}`;
  await until(`${url}/-/ready`, async () => {
    if (child.exitCode !== null) throw new Error(`host_exporter exited: ${stderr}`);
    try { return (await fetch(`${url}/-/ready`)).ok; } catch { return false; }
  });
  return { url, port, child, stop: () => new Promise((resolve) => { child.once("exit", resolve); child.kill("SIGTERM"); }) };
}

let browser;
after(async () => {
  if (browser) await browser.close();
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
});

// A page on `url` that records console errors and every request that would leave the host (aborted).
async function openPage(url, colorScheme = "light") {
  browser ??= await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox"] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
  const page = await context.newPage();
  const problems = { console: [], offHost: [] };
  const origin = new URL(url).origin;
  await context.route("**/*", (route) => {
    const requested = route.request().url();
    if (new URL(requested).origin === origin) return route.continue();
    problems.offHost.push(requested);
    return route.abort();
  });
  page.on("console", (message) => { if (message.type() === "error") problems.console.push(message.text()); });
  page.on("pageerror", (error) => problems.console.push(String(error)));
  await page.goto(url + "/");
  await until("the page to go live", async () => (await page.textContent("#status")) === "live");
  return { page, context, problems };
}

async function metrics(url) {
  const text = await (await fetch(`${url}/metrics`, { headers: { "Accept-Encoding": "identity" } })).text();
  const value = (name) => {
    const line = text.split("\n").find((l) => l.startsWith(name + " "));
    return line === undefined ? NaN : Number(line.split(" ")[1]);
  };
  return { value };
}

// As the page (and btop) formats them.
function bytes(value) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit + 1 < units.length) { value /= 1024; unit++; }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${units[unit]}`;
}

test("the page on this host: no console error, no request off the host, /metrics' numbers, sorting", async () => {
  // Without the environment collector: the machine running the tests may itself be a container, and
  // the screenshots show the page as on a host (the banner has its own test below).
  const host = await exporter(["--no-collector.environment"]);
  const { page, context, problems } = await openPage(host.url);

  // The same CPU window as /metrics gives the same ratio; memory is read at each scrape, so it may
  // move between the page's snapshot and our scrape: within 2% of the total, and formatted alike.
  let compared = false;
  for (let attempt = 0; attempt < 20 && !compared; attempt++) {
    const shownWindow = await page.getAttribute("#cpu-total", "data-window-end");
    const shownCpu = await page.textContent("#cpu-total");
    const shownMemory = Number(await page.getAttribute("#mem-used", "data-value"));
    const scraped = await metrics(host.url);
    if (String(scraped.value("host_cpu_window_end_timestamp_seconds")) !== shownWindow) {
      await sleep(100);  // a window ended in between: look again
      continue;
    }
    assert.equal(shownCpu, `${Math.round(scraped.value("host_cpu_utilization_ratio") * 100)}%`);
    const total = scraped.value("host_memory_total_bytes");
    assert.ok(Math.abs(shownMemory - scraped.value("host_memory_used_bytes")) <= 0.02 * total,
              `memory used: page ${shownMemory}, /metrics ${scraped.value("host_memory_used_bytes")}`);
    assert.equal(await page.textContent("#mem-used"), bytes(shownMemory));
    compared = true;
  }
  assert.ok(compared, "never caught the page and /metrics in the same sampler window");

  // The process table sorts by memory (both ways) and by CPU.
  const column = async (index) => page.$$eval(`#processes tbody tr td:nth-child(${index})`,
                                              (cells) => cells.map((c) => Number(c.dataset.value)));
  await page.click('#processes th[data-key="resident_memory_bytes"]');
  const memory = await column(4);
  assert.ok(memory.length > 1, "process groups are listed");
  assert.deepEqual(memory, [...memory].sort((a, b) => b - a));
  await page.click('#processes th[data-key="resident_memory_bytes"]');
  const ascending = await column(4);
  assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b));
  await page.click('#processes th[data-key="cpu_ratio"]');
  const cpu = await column(5);
  assert.deepEqual(cpu, [...cpu].sort((a, b) => b - a));

  // Charts are drawn with the history.
  assert.equal(await page.locator("#cpu-chart canvas").count(), 1);
  assert.equal(await page.isVisible("#banner"), false);

  await page.screenshot({ path: join(args.artifacts, "live-light.png") });
  const dark = await openPage(host.url, "dark");
  await dark.page.waitForTimeout(1200);  // a second window in the charts
  await dark.page.screenshot({ path: join(args.artifacts, "live-dark.png") });
  await page.waitForTimeout(300);

  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.offHost, []);
  assert.deepEqual(dark.problems.console, []);
  await dark.context.close();
  await context.close();
  await host.stop();
});

test("the page reconnects after the exporter restarts", async () => {
  const first = await exporter();
  const { page, context, problems } = await openPage(first.url);
  await first.stop();
  await until("the page to notice", async () => (await page.textContent("#status")) === "offline");
  const second = await exporter([], first.port);
  await until("the page to reconnect", async () => (await page.textContent("#status")) === "live");
  await context.close();
  await second.stop();
  assert.deepEqual(problems.offHost, []);
});

test("the page stops its stream while its tab is hidden, and resumes when shown", async () => {
  const host = await exporter(["--no-collector.environment"]);
  const { page, context, problems } = await openPage(host.url);
  const setHidden = (hidden) => page.evaluate((value) => {
    Object.defineProperty(document, "hidden", { value, configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);
  await setHidden(true);
  assert.equal(await page.textContent("#status"), "paused");
  const frozen = await page.getAttribute("#cpu-total", "data-window-end");
  await page.waitForTimeout(1500);  // three sampler windows of 500 ms
  assert.equal(await page.getAttribute("#cpu-total", "data-window-end"), frozen);
  await setHidden(false);
  await until("the page to resume", async () => (await page.textContent("#status")) === "live" &&
                                                (await page.getAttribute("#cpu-total", "data-window-end")) !== frozen);
  assert.deepEqual(problems.console, []);
  await context.close();
  await host.stop();
});

test("a red banner on the container fixture root, with doctor's fix", async () => {
  const root = join(args.fixtures, "environments", "docker-container");
  const contained = await exporter([`--path.procfs=${join(root, "proc")}`, `--path.sysfs=${join(root, "sys")}`,
                                    `--path.rootfs=${join(root, "root")}`]);
  const { page, context, problems } = await openPage(contained.url);
  await until("the banner", () => page.isVisible("#banner"));
  assert.match(await page.textContent("#banner"), /not the host's/);
  assert.match(await page.textContent("#banner-fix"), /natively/);
  const color = await page.$eval("#banner", (el) => getComputedStyle(el).backgroundColor);
  assert.equal(color, "rgb(198, 40, 40)");
  await page.screenshot({ path: join(args.artifacts, "live-container.png") });
  assert.deepEqual(problems.console, []);
  await context.close();
  await contained.stop();
});

test("the RAG panel appears after a push of rag_* metrics", async () => {
  const host = await exporter();
  const { page, context, problems } = await openPage(host.url);
  assert.equal(await page.isVisible("#rag"), false);
  const push = (queries, fast, slow, errors) => fetch(`${host.url}/metrics/job/rag_app/instance/blue`, {
    method: "PUT",
    body: [
      "# TYPE rag_query_total counter", `rag_query_total ${queries}`,
      "# TYPE rag_query_errors_total counter", `rag_query_errors_total{error_type="timeout"} ${errors}`,
      "# TYPE rag_query_duration_seconds histogram",
      `rag_query_duration_seconds_bucket{le="0.1"} ${fast}`, `rag_query_duration_seconds_bucket{le="1"} ${fast + slow}`,
      `rag_query_duration_seconds_bucket{le="+Inf"} ${fast + slow}`,
      `rag_query_duration_seconds_sum ${fast * 0.05 + slow * 0.5}`, `rag_query_duration_seconds_count ${fast + slow}`,
      "# TYPE rag_cache_hit_rate gauge", "rag_cache_hit_rate 0.5",
      "# TYPE rag_retrieval_score_avg gauge", "rag_retrieval_score_avg 0.8125", "",
    ].join("\n"),
  });
  assert.equal((await push(10, 10, 0, 1)).status, 200);
  await until("the RAG panel", () => page.isVisible("#rag"));
  assert.equal(await page.textContent("#rag-cache"), "50%");
  assert.equal(await page.textContent("#rag-score"), "0.813");
  assert.equal(await page.textContent("#rag-errors"), "10.0%");
  assert.equal((await push(30, 10, 20, 1)).status, 200);
  await until("a query rate", async () => /\/s/.test(await page.textContent("#rag-rate")));
  await until("the window's p95", async () => (await page.textContent("#rag-p95")) !== "–" &&
                                                !/since start/.test(await page.textContent("#rag-p95")));
  assert.deepEqual(problems.console, []);
  await context.close();
  await host.stop();
});
