// The live page: the last 15 minutes from /api/v1/history, then one snapshot per sampler window from
// /api/v1/events. Pauses while the tab is hidden; reconnects (and reloads the history) after a restart.
"use strict";

const $ = (id) => document.getElementById(id);
const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

// As btop (and host_exporter's CLI) print them: one decimal above bytes, whole percents.
function bytes(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit + 1 < UNITS.length) { value /= 1024; unit++; }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}
const rate = (value) => (Number.isFinite(value) ? `${bytes(value)}/s` : "–");
const percent = (ratio, decimals) => {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "–";
  return decimals ? `${(ratio * 100).toFixed(1)}%` : `${Math.round(ratio * 100)}%`;
};
const seconds = (value) => {
  if (!Number.isFinite(value)) return "–";
  return value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(2)} s`;
};
const nz = (v) => (v === null || v === undefined ? NaN : v);

function setText(id, text, raw) {
  const el = $(id);
  el.textContent = text;
  if (raw !== undefined) el.dataset.value = raw === null ? "" : String(raw);
}

// --- history and charts ---
const series = { time: [], cpu: [], used: [], cached: [], read: [], write: [], rx: [], tx: [] };
let capacity = 450;
let charts = [];

function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }

function chart(el, lines, format, range) {
  const stroke = css("--dim");
  const grid = css("--line");
  const axis = { stroke, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: "11px system-ui" };
  const opts = {
    width: el.clientWidth || 300, height: el.clientHeight || 120,
    legend: { show: false }, cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, y: range ? { range } : { range: (u, min, max) => [0, Math.max(max, 1)] } },
    axes: [axis, { ...axis, size: 64, values: (u, ticks) => ticks.map(format) }],
    series: [{}, ...lines.map(([label, color]) => ({ label, stroke: css(color), width: 1.5, fill: css(color) + "22", value: (u, v) => format(v) }))],
  };
  return { el, lines, plot: new uPlot(opts, [[], ...lines.map(() => [])], el) };
}

function buildCharts() {
  for (const c of charts) c.plot.destroy();
  charts = [
    { ...chart($("cpu-chart"), [["CPU", "--cpu"]], (v) => `${Math.round(v)}%`, [0, 100]), data: () => [series.cpu.map((v) => v * 100)] },
    { ...chart($("mem-chart"), [["Used", "--mem"], ["Cached", "--cached"]], bytes), data: () => [series.used, series.cached] },
    { ...chart($("disk-chart"), [["Read", "--read"], ["Write", "--write"]], rate), data: () => [series.read, series.write] },
    { ...chart($("net-chart"), [["Receive", "--mem"], ["Transmit", "--cpu"]], rate), data: () => [series.rx, series.tx] },
  ];
  redraw();
}

// uPlot draws a gap for null (NaN would spoil its scales).
const gap = (v) => (Number.isFinite(v) ? v : null);

function redraw() {
  for (const c of charts) c.plot.setData([series.time, ...c.data().map((d) => d.map(gap))]);
}

function push(point) {
  series.time.push(point.time);
  series.cpu.push(nz(point.cpu_ratio));
  series.used.push(nz(point.memory_used_bytes));
  series.cached.push(nz(point.memory_cached_bytes));
  series.read.push(nz(point.disk_read_bytes_per_second));
  series.write.push(nz(point.disk_write_bytes_per_second));
  series.rx.push(nz(point.network_receive_bytes_per_second));
  series.tx.push(nz(point.network_transmit_bytes_per_second));
  while (series.time.length > capacity) for (const key of Object.keys(series)) series[key].shift();
}

async function loadHistory() {
  const response = await fetch("/api/v1/history", { cache: "no-store" });
  if (!response.ok) throw new Error(`history: HTTP ${response.status}`);
  const h = await response.json();
  capacity = Math.max(1, Math.round(900 / h.interval_seconds));
  for (const key of Object.keys(series)) series[key] = [];
  for (let i = 0; i < h.points; i++) {
    push({
      time: h.time[i], cpu_ratio: h.cpu_ratio[i], memory_used_bytes: h.memory_used_bytes[i],
      memory_cached_bytes: h.memory_cached_bytes[i], disk_read_bytes_per_second: h.disk_read_bytes_per_second[i],
      disk_write_bytes_per_second: h.disk_write_bytes_per_second[i],
      network_receive_bytes_per_second: h.network_receive_bytes_per_second[i],
      network_transmit_bytes_per_second: h.network_transmit_bytes_per_second[i],
    });
  }
  redraw();
}

// --- the numbers ---
let processSort = { key: "cpu_ratio", descending: true };
let lastSnapshot = null;

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function renderProcesses(groups) {
  const { key, descending } = processSort;
  const sorted = [...groups].sort((a, b) => {
    const x = a[key], y = b[key];
    const order = typeof x === "string" ? x.localeCompare(y) : nz(x) - nz(y);
    return descending ? -order : order;
  });
  const body = $("processes").tBodies[0];
  body.replaceChildren();
  for (const g of sorted) {
    const row = body.insertRow();
    row.dataset.name = g.name;
    cell(row, g.name);
    cell(row, Number.isFinite(g.processes) ? String(g.processes) : "–", "num");
    cell(row, Number.isFinite(g.threads) ? String(g.threads) : "–", "num");
    cell(row, bytes(g.resident_memory_bytes), "num").dataset.value = g.resident_memory_bytes;
    cell(row, percent(g.cpu_ratio, true), "num").dataset.value = g.cpu_ratio;
  }
}

function render(s) {
  lastSnapshot = s;
  document.title = `${s.hostname || "host"} · host_exporter`;
  setText("hostname", s.hostname || "host_exporter");
  setText("version", `host_exporter ${s.version}`);
  const cpu = $("cpu-total");
  setText("cpu-total", percent(s.cpu_ratio), s.cpu_ratio);
  cpu.dataset.windowEnd = s.cpu_window_end ?? "";
  setText("load", [s.load1, s.load5, s.load15].map((v) => (Number.isFinite(v) ? v.toFixed(2) : "–")).join(" "));
  const cores = $("cores");
  cores.replaceChildren(...s.core_ratios.map((ratio, i) => {
    const div = document.createElement("div");
    div.className = "core";
    div.innerHTML = `<span>${i}</span><span class="bar"><i></i></span><span class="v"></span>`;
    div.querySelector("i").style.width = `${Math.round(Math.min(1, nz(ratio) || 0) * 100)}%`;
    div.querySelector(".v").textContent = percent(ratio);
    return div;
  }));
  const total = s.memory_total_bytes;
  setText("mem-used", bytes(s.memory_used_bytes), s.memory_used_bytes);
  setText("mem-total", bytes(total));
  for (const [id, value] of [["used-2", s.memory_used_bytes], ["available", s.memory_available_bytes],
                             ["cached", s.memory_cached_bytes], ["free", s.memory_free_bytes]]) {
    setText(`mem-${id}`, bytes(value));
    setText(`mem-${id}-pct`.replace("-2-pct", "-pct"), percent(value / total));
  }
  setText("swap-used", `${bytes(s.swap_used_bytes)} of ${bytes(s.swap_total_bytes)}`);
  setText("swap-pct", s.swap_total_bytes > 0 ? percent(s.swap_used_bytes / s.swap_total_bytes) : "–");
  setText("disk-read", rate(s.disk_read_bytes_per_second));
  setText("disk-write", rate(s.disk_write_bytes_per_second));
  setText("net-rx", rate(s.network_receive_bytes_per_second));
  setText("net-tx", rate(s.network_transmit_bytes_per_second));

  const fs = $("filesystems").tBodies[0];
  fs.replaceChildren();
  for (const f of s.filesystems) {
    const row = fs.insertRow();
    cell(row, f.mountpoint).title = f.mountpoint;
    cell(row, percent(f.used_ratio), "num");
    cell(row, bytes(f.size_bytes), "num");
    cell(row, bytes(f.avail_bytes), "num");
  }
  const devices = $("devices").tBodies[0];
  devices.replaceChildren();
  for (const d of s.disks) {
    const row = devices.insertRow();
    cell(row, d.device); cell(row, rate(d.read_bytes_per_second), "num"); cell(row, rate(d.write_bytes_per_second), "num");
  }
  for (const n of s.networks) {
    const row = devices.insertRow();
    cell(row, n.device); cell(row, rate(n.receive_bytes_per_second), "num"); cell(row, rate(n.transmit_bytes_per_second), "num");
  }
  renderProcesses(s.process_groups);

  const env = s.environment;
  $("banner").hidden = env.measures_host;
  if (!env.measures_host) {
    setText("banner-detail", [env.platform, env.virtualization, env.container, env.detail].filter((v) => v && v !== "none").join(", "));
    setText("banner-fix", env.fix || "Run host_exporter natively on the host (host_exporter doctor says how).");
  }

  const rag = s.rag;
  $("rag").hidden = !rag;
  if (rag) {
    setText("rag-rate", Number.isFinite(rag.query_rate_per_second) ? `${rag.query_rate_per_second.toFixed(2)}/s (${rag.queries_total} total)` : `${rag.queries_total} total`);
    const scope = rag.latency_scope === "window" ? "" : " (since start)";
    setText("rag-p50", seconds(rag.latency_p50_seconds) + scope);
    setText("rag-p95", seconds(rag.latency_p95_seconds) + scope);
    setText("rag-errors", percent(rag.error_ratio, true));
    setText("rag-cache", percent(rag.cache_hit_ratio));
    setText("rag-score", Number.isFinite(rag.retrieval_score) ? rag.retrieval_score.toFixed(3) : "–");
    $("rag-error-types").replaceChildren(...rag.errors.map((e) => {
      const li = document.createElement("li");
      li.textContent = `${e.error_type}: ${percent(e.ratio, true)}`;
      return li;
    }));
  }
}

// --- the connection ---
let source = null;
let hadError = false;

function status(state) {
  const el = $("status");
  el.dataset.state = state;
  el.textContent = state;
}

async function connect() {
  if (source) return;
  try {
    await loadHistory();
  } catch (e) {
    status("offline");
  }
  source = new EventSource("/api/v1/events");
  source.addEventListener("snapshot", (event) => {
    const snapshot = JSON.parse(event.data);
    if (!series.time.length || snapshot.time > series.time[series.time.length - 1]) {
      push(snapshot);
      redraw();
    }
    render(snapshot);
    status("live");
  });
  source.addEventListener("open", () => {
    if (hadError) { hadError = false; loadHistory().catch(() => status("offline")); }  // a restart: reload history
  });
  source.addEventListener("error", () => {
    hadError = true;
    status("offline");
    // EventSource retries a lost connection by itself, but gives up on an answer that is not a stream
    // (a 503 at the stream cap, a proxy's error page): then start again later.
    if (source && source.readyState === EventSource.CLOSED) {
      source = null;
      setTimeout(() => { if (!document.hidden) connect(); }, 5000);
    }
  });
}

function pause() {
  if (source) { source.close(); source = null; }
  status("paused");
}

document.addEventListener("visibilitychange", () => (document.hidden ? pause() : connect()));

for (const th of $("processes").tHead.rows[0].cells) {
  th.addEventListener("click", () => {
    const key = th.dataset.key;
    processSort = { key, descending: processSort.key === key ? !processSort.descending : key !== "name" };
    for (const other of th.parentNode.cells) { other.classList.remove("sorted"); other.removeAttribute("aria-sort"); }
    th.classList.add("sorted");
    th.setAttribute("aria-sort", processSort.descending ? "descending" : "ascending");
    if (lastSnapshot) renderProcesses(lastSnapshot.process_groups);
  });
}

window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", buildCharts);
window.addEventListener("resize", () => { for (const c of charts) c.plot.setSize({ width: c.el.clientWidth, height: c.el.clientHeight }); });

buildCharts();
if (!document.hidden) connect(); else status("paused");
