// Draws the reports page's charts from the JSON block it carries (no inline script: the
// Content-Security-Policy forbids it).
(function () {
  "use strict";

  function fmt(v, unit) {
    return v == null ? "—" : v.toFixed(1) + unit;
  }

  function chart(holder, x, series, unit, dateFormat) {
    if (!holder || !x.length) {
      if (holder) {
        holder.dataset.rendered = "empty";
      }
      return;
    }
    var at = uPlot.fmtDate(dateFormat);
    var opts = {
      width: holder.clientWidth,
      height: 260,
      scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(1, max * 1.1)]; } } },
      axes: [
        { values: function (u, ticks) { return ticks.map(function (t) { return at(new Date(t * 1000)); }); } },
        { values: function (u, ticks) { return ticks.map(function (t) { return t.toFixed(0) + unit; }); }, size: 60 }
      ],
      series: [{ label: "Date", value: "{D} {MMM} {YYYY}" }].concat(series.map(function (s) {
        return { label: s.label, stroke: s.stroke, width: s.width, dash: s.dash, value: function (u, v) { return fmt(v, unit); }, points: { show: true, size: 5 } };
      }))
    };
    var plot = new uPlot(opts, [x].concat(series.map(function (s) { return s.data; })), holder);
    holder.dataset.rendered = "true";
    holder.dataset.points = String(x.length);
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(function () { plot.setSize({ width: holder.clientWidth, height: 260 }); }).observe(holder);
    }
  }

  function draw() {
    var source = document.getElementById("report-data");
    if (!source || typeof uPlot === "undefined") {
      return;
    }
    var d = JSON.parse(source.textContent);
    var css = getComputedStyle(document.documentElement);
    var truth = css.getPropertyValue("--truth").trim() || "#0f766e";
    var vanity = css.getPropertyValue("--vanity").trim() || "#9ca3af";
    chart(document.getElementById("report-rate-chart"), d.weeks, [
      { label: "Authentic rate", stroke: truth, width: 2.5, data: d.authentic },
      { label: "Raw rate (vanity)", stroke: vanity, width: 2, dash: [6, 4], data: d.raw }
    ], "%", "{D} {MMM}");
    chart(document.getElementById("report-quality-chart"), d.months, [
      { label: "Audience quality", stroke: truth, width: 2.5, data: d.quality }
    ], "", "{MMM} {YYYY}");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
