// Draws the weekly engagement-rate chart from the JSON block the page carries (kept out of inline
// script so the Content-Security-Policy can forbid inline code).
(function () {
  "use strict";

  function percent(v) {
    return v == null ? "—" : v.toFixed(1) + "%";
  }

  function draw() {
    var holder = document.getElementById("rate-chart");
    var source = document.getElementById("rate-data");
    if (!holder || !source || typeof uPlot === "undefined") {
      return;
    }
    var d = JSON.parse(source.textContent);
    if (!d.weeks.length) {
      holder.dataset.rendered = "empty";
      return;
    }
    var css = getComputedStyle(document.documentElement);
    var truth = css.getPropertyValue("--truth").trim() || "#0f766e";
    var vanity = css.getPropertyValue("--vanity").trim() || "#9ca3af";
    var weekOf = uPlot.fmtDate("{D} {MMM}");
    var opts = {
      width: holder.clientWidth,
      height: 280,
      scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(1, max * 1.1)]; } } },
      axes: [
        { values: function (u, ticks) { return ticks.map(function (t) { return weekOf(new Date(t * 1000)); }); } },
        { values: function (u, ticks) { return ticks.map(function (t) { return t.toFixed(1) + "%"; }); }, size: 60 }
      ],
      series: [
        { label: "Week of", value: "{D} {MMM} {YYYY}" },
        { label: "Authentic rate", stroke: truth, width: 2.5, value: function (u, v) { return percent(v); }, points: { show: true, size: 5 } },
        { label: "Raw rate (vanity)", stroke: vanity, width: 2, dash: [6, 4], value: function (u, v) { return percent(v); }, points: { show: true, size: 4 } }
      ]
    };
    var chart = new uPlot(opts, [d.weeks, d.authentic, d.raw], holder);
    holder.dataset.rendered = "true";
    holder.dataset.points = String(d.weeks.length);
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(function () {
        chart.setSize({ width: holder.clientWidth, height: 280 });
      }).observe(holder);
    }
  }

  // The audience quality score (0-100) by month, from the same JSON block.
  function drawQuality() {
    var holder = document.getElementById("quality-chart");
    var source = document.getElementById("rate-data");
    if (!holder || !source || typeof uPlot === "undefined") {
      return;
    }
    var d = JSON.parse(source.textContent);
    if (!d.qualityAt || !d.qualityAt.length) {
      holder.dataset.rendered = "empty";
      return;
    }
    var css = getComputedStyle(document.documentElement);
    var truth = css.getPropertyValue("--truth").trim() || "#0f766e";
    var monthOf = uPlot.fmtDate("{MMM} {YY}");
    var opts = {
      width: holder.clientWidth,
      height: 220,
      scales: { x: { time: true }, y: { range: [0, 100] } },
      axes: [
        { values: function (u, ticks) { return ticks.map(function (t) { return monthOf(new Date(t * 1000)); }); } },
        { size: 50 }
      ],
      series: [
        { label: "On", value: "{D} {MMM} {YYYY}" },
        { label: "Audience quality score", stroke: truth, width: 2.5, value: function (u, v) { return v == null ? "—" : Math.round(v) + "/100"; }, points: { show: true, size: 5 } }
      ]
    };
    var chart = new uPlot(opts, [d.qualityAt, d.quality], holder);
    holder.dataset.rendered = "true";
    holder.dataset.points = String(d.qualityAt.length);
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(function () {
        chart.setSize({ width: holder.clientWidth, height: 220 });
      }).observe(holder);
    }
  }

  function drawAll() {
    draw();
    drawQuality();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
