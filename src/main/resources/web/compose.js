// The composer's live part: each channel's text starts from the shared text until it is edited,
// unchosen channels are hidden, and the rubric's findings follow the typing (a debounced call of
// POST /api/w/{slug}/lint per channel). Findings are written with textContent: the text is the
// user's, the messages are the rubric's, and neither is ever parsed as HTML.
(function () {
  "use strict";

  var DEBOUNCE_MS = 350;
  var URL_PATTERN = /https?:\/\/[^\s<>"')\]]+/g;

  function csrf() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRF-Token"] || "";
    } catch (e) {
      return "";
    }
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function init() {
    var form = document.getElementById("composer");
    if (!form) return;
    var lintUrl = form.dataset.lint;
    var linkBase = form.dataset.linkBase;
    var shared = document.getElementById("shared");
    var areas = Array.prototype.slice.call(form.querySelectorAll("textarea.variant-text"));
    var timers = {};
    var generation = {};

    function card(id) {
      return document.getElementById("variant-card-" + id);
    }

    function render(id, result) {
      var list = document.getElementById("findings-" + id);
      var score = document.getElementById("score-" + id);
      var state = document.getElementById("lint-state-" + id);
      if (!list) return;
      list.textContent = "";
      var findings = [];
      (result.report.dimensions || []).forEach(function (d) {
        (d.findings || []).forEach(function (f) { findings.push(f); });
      });
      var order = { BLOCKER: 0, PROBLEM: 1, ADVICE: 2, STRENGTH: 3 };
      findings.sort(function (a, b) { return order[a.severity] - order[b.severity]; });
      findings.forEach(function (f) {
        var li = el("li", "finding sev-" + String(f.severity).toLowerCase());
        li.dataset.code = f.code;
        li.appendChild(el("span", "severity", String(f.severity).toLowerCase()));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", "message", f.message));
        if (f.words) {
          li.appendChild(document.createTextNode(" "));
          li.appendChild(el("q", "words", f.words));
        }
        if (f.suggestion) {
          li.appendChild(el("span", "suggestion", " " + f.suggestion));
        }
        list.appendChild(li);
      });
      score.textContent = String(result.overall) + "/100";
      state.textContent = findings.length + (findings.length === 1 ? " finding" : " findings") +
        (result.blocked ? "; something here stops it being published" : "");
      list.dataset.count = String(findings.length);
      card(id).dataset.linted = String((generation[id] || 0));
    }

    function showLinks(id, text) {
      var list = document.getElementById("links-" + id);
      if (!list) return;
      list.textContent = "";
      var links = text.match(URL_PATTERN) || [];
      links.forEach(function (u) {
        if (linkBase && u.indexOf(linkBase + "/l/") === 0) return;
        list.appendChild(el("li", "link-note", linkBase
          ? u + " will be posted as a tracked link (" + linkBase + "/l/…)"
          : u + " is not tracked: no short-link address is set"));
      });
    }

    function lint(area) {
      var id = area.dataset.channel;
      var text = area.value;
      showLinks(id, text);
      if (!area.dataset.platform) return;
      var state = document.getElementById("lint-state-" + id);
      var mine = (generation[id] || 0) + 1;
      generation[id] = mine;
      if (!text.trim()) {
        document.getElementById("findings-" + id).textContent = "";
        document.getElementById("score-" + id).textContent = "—";
        state.textContent = "type to see the findings";
        return;
      }
      state.textContent = "checking…";
      fetch(lintUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf() },
        body: JSON.stringify({
          text: text,
          platform: area.dataset.platform,
          // the saved variant's attachments, so that the rubric sees them too
          media: area.dataset.media ? JSON.parse(area.dataset.media) : []
        })
      }).then(function (r) {
        return r.json().then(function (body) { return { ok: r.ok, body: body }; });
      }).then(function (r) {
        if (generation[id] !== mine) return; // a later keystroke's answer counts
        if (!r.ok) {
          state.textContent = r.body.detail || "the rubric could not read this text";
          return;
        }
        render(id, r.body);
      }).catch(function () {
        if (generation[id] === mine) state.textContent = "the rubric did not answer; keep typing to retry";
      });
    }

    function later(area) {
      var id = area.dataset.channel;
      clearTimeout(timers[id]);
      timers[id] = setTimeout(function () { lint(area); }, DEBOUNCE_MS);
    }

    function chosen(id) {
      var box = document.getElementById("ch-" + id);
      return !box || box.checked;
    }

    areas.forEach(function (area) {
      var id = area.dataset.channel;
      // A channel's own text stays its own once typed into; until then it follows the shared text.
      area.dataset.own = area.value.trim() ? "true" : "false";
      area.addEventListener("input", function () {
        area.dataset.own = area.value.trim() ? "true" : "false";
        later(area);
      });
      var box = document.getElementById("ch-" + id);
      if (box) {
        card(id).hidden = !box.checked;
        box.addEventListener("change", function () {
          card(id).hidden = !box.checked;
          if (box.checked) later(area);
        });
      }
    });

    if (shared) {
      var follow = function () {
        areas.forEach(function (area) {
          if (area.dataset.own !== "true") {
            area.value = shared.value;
            if (chosen(area.dataset.channel)) later(area);
          }
        });
      };
      shared.addEventListener("input", follow);
      if (shared.value.trim()) follow();
    }
    areas.forEach(function (area) {
      if (area.value.trim() && chosen(area.dataset.channel)) lint(area);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
