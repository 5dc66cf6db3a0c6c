// Drag to reschedule: a scheduled post dropped on another day keeps its time of day; dropped on a
// slot of its channel (week view) it takes the slot's time. The move is the API's schedule call
// (POST /api/w/{slug}/posts/{variantId}/schedule, session cookie and CSRF header); on success the
// page reloads to show the calendar as stored, on refusal the reason is announced. The "Move"
// form on each post does the same without a mouse.
(function () {
  "use strict";

  function csrf() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRF-Token"] || "";
    } catch (e) {
      return "";
    }
  }

  function init() {
    var cal = document.getElementById("calendar");
    if (!cal || cal.dataset.canMove !== "true") return;
    var status = document.getElementById("calendar-status");
    var dragged = null;

    function say(text, problem) {
      status.textContent = text;
      status.className = problem ? "alert" : "notice";
    }

    cal.addEventListener("dragstart", function (ev) {
      var entry = ev.target.closest && ev.target.closest("li.entry[draggable]");
      if (!entry) return;
      dragged = entry;
      entry.classList.add("dragging");
      ev.dataTransfer.effectAllowed = "move";
      ev.dataTransfer.setData("text/plain", entry.dataset.variant);
    });
    cal.addEventListener("dragend", function () {
      if (dragged) dragged.classList.remove("dragging");
      dragged = null;
    });
    cal.addEventListener("dragover", function (ev) {
      var day = ev.target.closest && ev.target.closest("li.day");
      if (!day) return;
      ev.preventDefault();
      ev.dataTransfer.dropEffect = "move";
      day.classList.add("drop-here");
    });
    cal.addEventListener("dragleave", function (ev) {
      var day = ev.target.closest && ev.target.closest("li.day");
      if (day) day.classList.remove("drop-here");
    });
    cal.addEventListener("drop", function (ev) {
      var day = ev.target.closest && ev.target.closest("li.day");
      if (!day) return;
      ev.preventDefault();
      day.classList.remove("drop-here");
      var id = ev.dataTransfer.getData("text/plain") || (dragged && dragged.dataset.variant);
      var entry = id && document.getElementById("variant-" + id);
      if (!entry) return;
      var slot = ev.target.closest("li.slot-target");
      var time = slot && slot.dataset.channel === entry.dataset.channel ? slot.dataset.time : entry.dataset.time;
      move(id, day.dataset.date, time);
    });

    function move(id, date, time) {
      say("Moving…", false);
      fetch(cal.dataset.api + "/" + encodeURIComponent(id) + "/schedule", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf() },
        body: JSON.stringify({ at: date + "T" + time })
      }).then(function (r) {
        return r.json().then(function (body) { return { ok: r.ok, body: body }; });
      }).then(function (r) {
        if (!r.ok) {
          say("Not moved: " + (r.body.detail || "the planner refused"), true);
          return;
        }
        say("Moved to " + date + " " + time + ".", false);
        var url = new URL(window.location.href);
        url.hash = "variant-" + id;
        window.location.replace(url.toString());
        window.location.reload();
      }).catch(function () {
        say("Not moved: Rapport did not answer.", true);
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
