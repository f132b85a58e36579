// Relationship page: the monthly chart (Chart.js, served by the app) and the events of a clicked month.
// Data come from a JSON block on the page; event rows are built with textContent only.
"use strict";
(function () {
  const dataEl = document.getElementById("series-data");
  const canvas = document.getElementById("series-chart");
  if (!dataEl || !canvas || typeof Chart === "undefined") return;
  const data = JSON.parse(dataEl.textContent);
  const months = data.months;
  const quad = [
    ["1", "verbal cooperation", "#6baed6"],
    ["2", "material cooperation", "#2171b5"],
    ["3", "verbal conflict", "#fc9272"],
    ["4", "material conflict", "#cb181d"],
  ];
  const datasets = quad.map(([k, label, colour]) => ({
    type: "bar", label: label, data: months.map((m) => m.quad_class[k]), backgroundColor: colour,
    stack: "quad", yAxisID: "count", order: 2,
  }));
  datasets.push({
    type: "line", label: "Goldstein sum", data: months.map((m) => m.goldstein_sum), borderColor: "#222",
    backgroundColor: "#222", pointRadius: 2.5, borderWidth: 1.5, tension: 0, yAxisID: "gs", order: 1,
  });
  const chart = new Chart(canvas, {
    data: { labels: months.map((m) => m.month), datasets: datasets },
    options: {
      animation: false, maintainAspectRatio: false, interaction: { mode: "index", intersect: false },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 11 } } } },
      scales: {
        x: { stacked: true, ticks: { font: { size: 11 } } },
        count: { stacked: true, position: "left", beginAtZero: true, ticks: { precision: 0 },
                 title: { display: true, text: "events" } },
        gs: { position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: "Goldstein sum" } },
      },
      onClick: (ev, elements) => {
        const hit = elements.length ? elements : chart.getElementsAtEventForMode(ev, "index", { intersect: false }, false);
        if (hit.length) showMonth(months[hit[0].index].month);
      },
    },
  });
  canvas.dataset.ready = "1";
  window.eventcoderChart = chart;

  function cell(tr, value, cls) {
    const td = document.createElement("td");
    td.textContent = value == null ? "" : String(value);
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }

  function lastDay(month) {
    const [y, m] = month.split("-").map(Number);
    return month + "-" + String(new Date(y, m, 0).getDate()).padStart(2, "0");
  }

  async function showMonth(month) {
    const params = new URLSearchParams({
      source: data.a, target: data.b, since: month + "-01", until: lastDay(month),
      sort: "date", order: "asc", per_page: "500",
    });
    if (!data.directed) params.set("symmetric", "true");
    const panel = document.getElementById("month-panel");
    const body = document.querySelector("#month-events tbody");
    const resp = await fetch("/api/events?" + params.toString(), { headers: { Accept: "application/json" } });
    const page = await resp.json();
    body.replaceChildren();
    (page.events || []).forEach((e) => {
      const tr = document.createElement("tr");
      tr.className = "q" + e.quad_class;
      cell(tr, e.date, "mono nowrap");
      cell(tr, e.source_code, "code");
      cell(tr, e.target_code, "code");
      cell(tr, e.cameo + " " + (e.label || ""), "nowrap");
      cell(tr, (e.goldstein >= 0 ? "+" : "") + Number(e.goldstein).toFixed(1), "num " + (e.goldstein < 0 ? "neg" : "pos"));
      cell(tr, e.factuality);
      const td = cell(tr, "");
      const a = document.createElement("a");
      a.href = "/articles/" + encodeURIComponent(e.article_id);
      a.textContent = e.evidence || "";
      td.appendChild(a);
      body.appendChild(tr);
    });
    document.getElementById("month-name").textContent = month;
    document.getElementById("month-count").textContent = String(page.total || 0);
    panel.hidden = false;
    panel.scrollIntoView({ block: "nearest" });
  }
})();
