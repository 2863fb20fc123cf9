// Call page review without reloads: accept, reject, undo, correct and add through the JSON API, then
// swap in the findings list and transcript the server renders (/calls/N/parts/...), keeping scroll and
// focus. A decision on a finding someone else changed shows both states and a choice. Keys: j/k move,
// a accept, r reject, u undo, c correct, Enter plays the finding.
"use strict";
(function () {
  var oh = window.overheard;
  var match = /^\/calls\/(\d+)/.exec(window.location.pathname);
  if (!oh || !match) { return; }
  var callId = match[1];
  var cursor = null;  // id of the finding the keys act on

  function list() { return document.getElementById("findings"); }
  function item(id) { return document.getElementById("finding-" + id); }

  function part(name) {
    return fetch("/calls/" + callId + "/parts/" + name, {credentials: "same-origin"}).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.text();
    }).then(function (html) {
      var template = document.createElement("template");
      template.innerHTML = html.trim();
      return template.content.firstElementChild;
    });
  }

  // Re-render the findings and the transcript in place; then focus `focusId`'s `focusSelector` (or the finding).
  function refresh(focusId, focusSelector) {
    var oldList = list(), oldTranscript = document.getElementById("transcript");
    var listScroll = oldList ? oldList.scrollTop : 0, transcriptScroll = oldTranscript ? oldTranscript.scrollTop : 0;
    var pageScroll = window.scrollY;
    var open = Array.prototype.map.call(document.querySelectorAll("li.finding details[open]"), function (d) {
      return d.closest("li.finding").id + " " + d.className;
    });
    var oldCustody = document.getElementById("custody");
    return Promise.all([part("findings"), oldTranscript ? part("transcript") : null,
                        oldCustody ? part("custody") : null]).then(function (parts) {
      oldList.replaceWith(parts[0]);
      if (parts[2]) { oldCustody.replaceWith(parts[2]); }
      if (parts[1]) {
        oldTranscript.replaceWith(parts[1]);
        parts[1].scrollTop = transcriptScroll;
        document.dispatchEvent(new CustomEvent("overheard:transcript-replaced"));
      }
      open.forEach(function (key) {
        var bits = key.split(" ");
        var details = document.querySelector("#" + bits[0] + " details." + bits[1]);
        if (details) { details.open = true; }
      });
      list().scrollTop = listScroll;
      window.scrollTo(window.scrollX, pageScroll);
      setCursor(focusId || cursor, false);
      var target = focusId ? item(focusId) : null;
      if (target) {
        var inner = focusSelector ? target.querySelector(focusSelector) : null;
        (inner || target).focus({preventScroll: true});
        target.scrollIntoView({block: "nearest"});
      }
    });
  }

  function setCursor(id, focus) {
    document.querySelectorAll("li.finding.current").forEach(function (li) { li.classList.remove("current"); });
    var li = id ? item(id) : null;
    if (!li) { return; }
    cursor = li.dataset.id;
    li.classList.add("current");
    if (focus) {
      li.focus({preventScroll: true});
      li.scrollIntoView({block: "nearest"});
    }
  }

  function describe(li) {
    var label = li.querySelector(".label"), text = li.querySelector(".ftext");
    return (label ? label.textContent : oh.t("finding")) + " «" + (text ? text.textContent : "") + "»";
  }

  var DONE = {accept: oh.t("Accepted"), reject: oh.t("Rejected"), undo: oh.t("Undone")};
  var NEXT_FOCUS = {accept: "button.undo", reject: "button.undo", undo: "button.accept, button.undo"};

  function decide(li, action, revision) {
    if (!li || li.dataset.busy) { return Promise.resolve(); }
    var id = li.dataset.id;
    if (revision === undefined) { revision = parseInt(li.dataset.revision, 10); }
    var url = "/api/findings/" + id + (action === "undo" ? "/undo" : "/review");
    var body = action === "undo" ? {revision: revision} : {action: action, revision: revision};
    li.dataset.busy = "1";
    li.setAttribute("aria-busy", "true");
    var what = describe(li);
    return oh.api("POST", url, body).then(function (result) {
      delete li.dataset.busy;
      li.removeAttribute("aria-busy");
      var box = li.querySelector(".conflict");
      if (result.ok) {
        oh.announce(DONE[action] + ": " + what + (action === "undo" ? "." : ". " + oh.t("Press u to undo.")));
        return refresh(id, NEXT_FOCUS[action]);
      }
      if (result.status === 409 && box) {
        var mine = oh.t("%(action)s (on what you saw: %(status)s)",
                        {action: {accept: oh.t("accept"), reject: oh.t("reject"), undo: oh.t("undo")}[action],
                         status: oh.t(li.dataset.status)});
        return oh.showConflict(box, id, mine, {
          keep: function () { refresh(id); },
          apply: function (now) { decide(li, action, now.revision); }
        });
      }
      if (box) { oh.showError(box, result); }
    });
  }

  function formJSON(form, fields) {
    var data = {};
    fields.forEach(function (name) {
      var field = form.elements[name];
      if (!field) { return; }
      data[name] = field.type === "checkbox" ? field.checked : field.value;
    });
    return data;
  }

  function submitCorrection(form) {
    var li = form.closest("li.finding");
    var data = formJSON(form, ["kind", "label", "start", "end", "count", "approximate", "revision"]);
    return oh.api("POST", "/api/findings/" + li.dataset.id + "/correct", data).then(function (result) {
      var box = li.querySelector(".conflict");
      if (result.ok) {
        oh.announce(oh.t("Corrected: %(what)s. The correction is a new finding; undo withdraws it.", {what: describe(li)}));
        return refresh(result.data.id, "button.undo");
      }
      if (result.status === 409) {
        return oh.showConflict(box, li.dataset.id, "your correction", {
          keep: function () { refresh(li.dataset.id); },
          apply: function (now) { form.elements.revision.value = now.revision; submitCorrection(form); }
        });
      }
      oh.showError(box, result);
    });
  }

  function submitMissed(form) {
    var data = formJSON(form, ["kind", "label", "start", "end", "count", "approximate"]);
    var box = document.getElementById("add-finding-error");
    if (!data.start || !data.end) {
      box.hidden = false;
      box.textContent = oh.t("Select the words in the transcript first, then press “Use selected text”.");
      oh.announce(box.textContent, true);
      return Promise.resolve();
    }
    return oh.api("POST", "/api/calls/" + callId + "/findings", data).then(function (result) {
      if (result.ok) {
        box.hidden = true;
        oh.announce(oh.t("Added a finding. Undo withdraws it."));
        return refresh(result.data.id, "button.undo");
      }
      oh.showError(box, result);
    });
  }

  // The selected transcript characters as offsets, from the runs' data-c (character of their first letter).
  function selectedSpan() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return null; }
    var range = selection.getRangeAt(0);
    function offset(node, within) {
      var el = node.nodeType === 3 ? node.parentElement : node;
      var run = el && el.closest ? el.closest("#transcript [data-c]") : null;
      if (!run) { return null; }
      return parseInt(run.dataset.c, 10) + (node.nodeType === 3 ? within : 0);
    }
    var start = offset(range.startContainer, range.startOffset);
    var end = offset(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) { return null; }
    return {start: start, end: end, text: selection.toString().trim()};
  }

  function useSelection(button) {
    var form = button.closest("form");
    var span = selectedSpan();
    var shown = form.querySelector(".span-text");
    if (!span) {
      oh.announce(oh.t("Select the words in the transcript first."), true);
      if (shown) { shown.textContent = oh.t("select words in the transcript"); }
      return;
    }
    form.querySelector(".span-start").value = span.start;
    form.querySelector(".span-end").value = span.end;
    if (shown) { shown.textContent = span.text; }
    oh.announce(oh.t("Words chosen: %(words)s", {words: span.text}));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) {
      var li = event.target.closest("li.finding");
      if (li) { setCursor(li.dataset.id, false); }
      return;
    }
    if (button.classList.contains("use-selection")) {
      event.preventDefault();
      useSelection(button);
      return;
    }
    var action = button.dataset.action;
    if (action && button.closest("li.finding")) {
      event.preventDefault();
      var owner = button.closest("li.finding");
      setCursor(owner.dataset.id, false);
      decide(owner, action);
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.classList.contains("correct-form")) {
      event.preventDefault();
      submitCorrection(form);
    } else if (form.closest("#add-finding")) {
      event.preventDefault();
      submitMissed(form);
    }
  });

  // A finding's correction form is not in the list (that keeps the list light): fetch it when "Correct" opens.
  var loading = {};
  function loadCorrection(details) {
    var id = details.dataset.finding;
    if (!id || details.querySelector("form.correct-form")) { return Promise.resolve(); }
    if (!loading[id]) {
      loading[id] = fetch("/calls/" + callId + "/parts/correct/" + id, {credentials: "same-origin"})
        .then(function (response) {
          if (!response.ok) { throw new Error("HTTP " + response.status); }
          return response.text();
        }).then(function (html) {
          var slot = details.querySelector(".correct-slot");
          if (slot && !details.querySelector("form.correct-form")) { slot.innerHTML = html; }
        }).catch(function () {
          oh.announce("The correction form could not be loaded; reload the page.", true);
        }).then(function () { delete loading[id]; });
    }
    return loading[id];
  }

  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (details.classList && details.classList.contains("correct") && details.open) { loadCorrection(details); }
  }, true);

  function findings() { return Array.prototype.slice.call(document.querySelectorAll("li.finding")); }

  function move(step) {
    var all = findings();
    if (!all.length) { return; }
    var index = all.findIndex(function (li) { return li.dataset.id === cursor; });
    index = index < 0 ? (step > 0 ? 0 : all.length - 1) : Math.max(0, Math.min(all.length - 1, index + step));
    setCursor(all[index].dataset.id, true);
  }

  document.addEventListener("keydown", function (event) {
    if (oh.typing(event)) { return; }
    var li = cursor ? item(cursor) : null;
    var key = event.key;
    if (key === "j") { move(1); }
    else if (key === "k") { move(-1); }
    else if ((key === "a" || key === "r") && li) {
      if (li.dataset.status !== "pending") { oh.announce("Already " + li.dataset.status + ": press u to undo.", true); }
      else { decide(li, key === "a" ? "accept" : "reject"); }
    }
    else if (key === "u" && li) { decide(li, "undo"); }
    else if (key === "c" && li) {
      var details = li.querySelector("details.correct");
      if (!details) { return; }
      details.open = true;
      loadCorrection(details).then(function () {
        var first = details.querySelector("select, input:not([type=hidden])");
        if (first) { first.focus(); }
      });
    }
    else if (key === "Enter" && li && event.target === li) { li.querySelector("a.finding-seek").click(); }
    else { return; }
    event.preventDefault();
  });
}());
