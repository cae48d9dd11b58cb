/* global document, uPlot */
// Draws every chart the server put in the page, with uPlot: [data-chart] names the id of a
// <script type="application/json"> holding {unit, x, series: [{label, values}]}.
(function () {
  const COLOURS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"];

  function format(value, unit) {
    if (value === null || value === undefined) return "–";
    if (unit === "s") return value < 1 ? (value * 1000).toFixed(value < 0.01 ? 1 : 0) + " ms" : value.toFixed(2) + " s";
    if (unit === "ratio") return (value * 100).toFixed(1) + " %";
    if (unit === "/s") return value.toFixed(value < 1 ? 2 : 1) + "/s";
    if (unit === "USD") return "$" + value.toFixed(4);
    return value.toFixed(value < 10 ? 2 : 0);
  }

  function draw(element) {
    const source = document.getElementById(element.dataset.chart);
    if (!source) return;
    const data = JSON.parse(source.textContent);
    const spark = element.dataset.kind === "spark";
    const unitAxis = (_u, values) => values.map((v) => format(v, data.unit));
    const options = {
      width: spark ? 110 : Math.max(280, element.clientWidth),
      height: spark ? 28 : 200,
      legend: { show: !spark },
      cursor: { show: !spark },
      scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
      axes: spark ? [{ show: false }, { show: false }] : [{}, { values: unitAxis, size: 70 }],
      series: [{}].concat(
        data.series.map((s, i) => ({
          label: s.label,
          stroke: spark ? "#2563eb" : COLOURS[i % COLOURS.length],
          width: spark ? 1.5 : 2,
          fill: spark ? "rgba(37, 99, 235, 0.12)" : undefined,
          spanGaps: false,
          value: (_u, v) => format(v, data.unit),
          points: { show: false },
        })),
      ),
    };
    // Without the cursor on the chart, the legend shows the newest values rather than dashes.
    let newest = data.x.length - 1;
    while (newest > 0 && data.series.every((s) => s.values[newest] === null)) newest--;
    options.hooks = { setCursor: [(u) => u.cursor.idx == null && u.setLegend({ idx: newest })] };
    const plot = new uPlot(options, [data.x].concat(data.series.map((s) => s.values)), element);
    plot.setLegend({ idx: newest });
    element.closest("figure")?.classList.add("drawn");
  }

  document.querySelectorAll("[data-chart]").forEach(draw);
})();
