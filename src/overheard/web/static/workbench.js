// Shared by every page behind login: JSON calls with the CSRF header, errors in words, aria-live
// announcements, and the conflict box shown when someone else decided first (HTTP 409).
"use strict";
(function () {
  var csrf = document.querySelector("meta[name=csrf-token]");
  var table = document.getElementById("error-words");
  var WORDS = table ? JSON.parse(table.textContent) : {};
  var ui = document.getElementById("ui-words");
  var UI = ui ? JSON.parse(ui.textContent) : {};

  // A sentence in the interface language (partials/js_words.html), its %(name)s filled from `values`.
  function t(message, values) {
    var text = UI[message] || message;
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      return values && values[name] !== undefined ? String(values[name]) : all;
    });
  }

  function api(method, url, body) {
    var options = {method: method, credentials: "same-origin",
                   headers: {"Accept": "application/json", "X-CSRF-Token": csrf ? csrf.content : ""}};
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(url, options).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (ignored) { data = null; }
        return {ok: response.ok, status: response.status, data: data};
      });
    }, function () {
      return {ok: false, status: 0, data: {error: "E000 " + t("the server cannot be reached; check the connection")}};
    });
  }

  // {words, code, detail}: the sentence a person reads, the code for small print, the server's own line
  function errorParts(result) {
    var data = result.data || {};
    var message = data.error || "";
    if (!message && data.detail) {
      message = typeof data.detail === "string" ? data.detail : "E015 " + t("a field of the request is malformed");
    }
    if (!message) { message = "HTTP " + result.status; }
    var match = /^(E\d{3}) (.*)$/.exec(message);
    var code = match ? match[1] : (result.status === 403 ? "E012" : "");
    var detail = match ? match[2] : message;
    return {words: WORDS[code] || WORDS[""] || t("That action did not work."), code: code, detail: detail,
            status: result.status};
  }

  function announce(text, urgent) {
    var region = document.getElementById(urgent ? "live-error" : "live");
    if (!region) { return; }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 30);
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text !== undefined) { el.textContent = text; }
    return el;
  }

  // Show an error in words inside `box` (the code and the server's line in small print) and announce it.
  function showError(box, result) {
    var parts = errorParts(result);
    box.hidden = false;
    box.textContent = "";
    var p = element("p", "error", parts.words + " ");
    var small = element("small", "code", "(" + [parts.code, parts.detail].filter(Boolean).join(": ") + ")");
    p.appendChild(small);
    box.appendChild(p);
    announce(parts.words, true);
    return parts;
  }

  function hhmm(iso) { return iso ? iso.slice(11, 16) + " UTC" : "?"; }

  // Someone else changed the finding: fetch its state, show theirs beside yours, let the person choose.
  function showConflict(box, findingId, mine, choices) {
    return api("GET", "/api/findings/" + findingId).then(function (current) {
      var now = current.data || {};
      box.hidden = false;
      box.textContent = "";
      box.classList.add("conflict-open");
      var who = now.reviewed_by || t("someone");
      var head = element("p", "conflict-head");
      head.appendChild(element("strong", null, t("Changed by %(who)s at %(time)s", {who: who, time: hhmm(now.reviewed_at)})));
      head.appendChild(document.createTextNode(t(" while you were looking.")));
      box.appendChild(head);
      var states = element("dl", "conflict-states");
      states.appendChild(element("dt", null, t("Theirs")));
      states.appendChild(element("dd", "theirs", now.reviewed_by ? t("%(status)s by %(who)s", {status: t(now.review_status || "?"), who: who}) : t(now.review_status || "?")));
      states.appendChild(element("dt", null, t("Yours")));
      states.appendChild(element("dd", "yours", mine));
      box.appendChild(states);
      var keep = element("button", "keep-theirs", t("Keep theirs"));
      keep.type = "button";
      keep.addEventListener("click", function () { choices.keep(now); });
      box.appendChild(keep);
      if (now.review_status !== "corrected") {
        var apply = element("button", "apply-mine", t("Apply mine"));
        apply.type = "button";
        apply.addEventListener("click", function () { choices.apply(now); });
        box.appendChild(document.createTextNode(" "));
        box.appendChild(apply);
      }
      announce(t("Conflict: changed by %(who)s at %(time)s, now %(status)s. Keep theirs or apply yours.",
                 {who: who, time: hhmm(now.reviewed_at), status: t(now.review_status)}), true);
      keep.focus();
      return now;
    });
  }

  // True when a key press belongs to a field, not to the page's shortcuts.
  function typing(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return true; }
    var t = event.target;
    return t.isContentEditable || t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT";
  }

  window.overheard = {api: api, announce: announce, showError: showError, showConflict: showConflict,
                      errorParts: errorParts, element: element, typing: typing, t: t};
}());
