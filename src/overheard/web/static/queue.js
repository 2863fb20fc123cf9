// Review queue: buttons, and keys j/k move the cursor, a/r accept/reject, u undo, Enter opens the call.
// Deciding never moves the cursor (no auto-advance); counters change as decisions land.
"use strict";
(function () {
  var oh = window.overheard;
  var rows = Array.prototype.slice.call(document.querySelectorAll("#queue tr.item"));
  var index = -1;
  var counts = {accepted: 0, rejected: 0};

  function setCursor(i, focus) {
    if (!rows.length) { return; }
    index = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (row) { row.classList.remove("current"); row.removeAttribute("aria-current"); });
    rows[index].classList.add("current");
    rows[index].setAttribute("aria-current", "true");
    if (focus) {
      rows[index].focus({preventScroll: true});
      rows[index].scrollIntoView({block: "nearest"});
    }
  }

  function bump(status, step) {
    if (counts[status] === undefined) { return; }
    counts[status] += step;
    document.getElementById("queue-" + status).textContent = String(counts[status]);
    var pending = document.getElementById("queue-pending");
    pending.textContent = String(parseInt(pending.textContent, 10) - step);
  }

  function show(row, status, revision, decidedBy) {
    var before = row.dataset.status;
    row.classList.remove("status-" + before);
    row.classList.add("status-" + status);
    row.dataset.status = status;
    row.dataset.revision = String(revision);
    row.querySelector(".qstatus").textContent = status === "pending" ? oh.t("to review")
      : oh.t("%(status)s by %(who)s", {status: oh.t(status), who: decidedBy});
    row.querySelector("button.accept").hidden = status !== "pending";
    row.querySelector("button.reject").hidden = status !== "pending";
    row.querySelector("button.undo").hidden = status === "pending";
    if (before === "pending") { bump(status, 1); } else if (status === "pending") { bump(before, -1); }
  }

  function label(row) {
    return row.querySelector(".qlabel").textContent + " «" + row.querySelector(".qtext").textContent + "»";
  }

  function decide(row, action, revision) {
    if (!row || row.dataset.busy) { return; }
    if (action !== "undo" && row.dataset.status !== "pending") {
      oh.announce(oh.t("Already %(status)s: press u to undo.", {status: oh.t(row.dataset.status)}), true);
      return;
    }
    if (revision === undefined) { revision = parseInt(row.dataset.revision, 10); }
    var id = row.dataset.id;
    var box = row.querySelector(".conflict");
    row.dataset.busy = "1";
    var url = "/api/findings/" + id + (action === "undo" ? "/undo" : "/review");
    var body = action === "undo" ? {revision: revision} : {action: action, revision: revision};
    oh.api("POST", url, body).then(function (result) {
      delete row.dataset.busy;
      if (result.ok) {
        box.hidden = true;
        var whoami = document.getElementById("whoami");
        show(row, result.data.review_status, result.data.revision, whoami ? whoami.textContent : oh.t("you"));
        oh.announce(action === "undo" ? oh.t("Undone: %(what)s", {what: label(row)})
                    : oh.t(result.data.review_status) + ": " + label(row));
        var next = row.querySelector(action === "undo" ? "button.accept" : "button.undo");
        if (document.activeElement && document.activeElement.tagName === "BUTTON" && next && !next.hidden) {
          next.focus();
        }
        return;
      }
      if (result.status === 409) {
        oh.showConflict(box, id, oh.t("%(action)s (on what you saw: %(status)s)",
                                     {action: oh.t(action), status: oh.t(row.dataset.status)}), {
          keep: function (now) {
            box.hidden = true;
            show(row, now.review_status, now.revision, now.reviewed_by || oh.t("someone"));
          },
          apply: function (now) { decide(row, action, now.revision); }
        });
        return;
      }
      oh.showError(box, result);
    });
  }

  rows.forEach(function (row, i) {
    row.addEventListener("click", function (event) {
      setCursor(i, false);
      var button = event.target.closest("button[data-action]");
      if (button) { decide(row, button.dataset.action); }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (oh.typing(event)) { return; }
    var row = rows[index];
    if (event.key === "j") { setCursor(index + 1, true); }
    else if (event.key === "k") { setCursor(index - 1, true); }
    else if (event.key === "a" && row) { decide(row, "accept"); }
    else if (event.key === "r" && row) { decide(row, "reject"); }
    else if (event.key === "u" && row) { decide(row, "undo"); }
    else if (event.key === "Enter" && row && event.target === row) { row.querySelector("a.qcall").click(); }
    else { return; }
    event.preventDefault();
  });
  setCursor(0, false);
}());
