// Review queue: j/k move, a/r accept/reject through the API (with the CSRF header), Enter opens the call.
"use strict";
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("#queue tr.item"));
  var csrf = document.querySelector("meta[name=csrf-token]");
  var index = rows.length ? 0 : -1;

  function focus(i) {
    if (!rows.length) { return; }
    index = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (row) { row.classList.remove("current"); });
    rows[index].classList.add("current");
    rows[index].focus({preventScroll: true});
    rows[index].scrollIntoView({block: "nearest"});
  }

  function decide(action) {
    var row = rows[index];
    if (!row || row.dataset.done) { return; }
    row.dataset.done = "1";
    fetch("/api/findings/" + row.dataset.id + "/review", {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf ? csrf.content : ""},
      body: JSON.stringify({action: action})
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (result) {
      row.querySelector(".qstatus").textContent = result.review_status;
      row.classList.add("status-" + result.review_status);
      focus(index + 1);
    }).catch(function (error) {
      delete row.dataset.done;
      row.querySelector(".qstatus").textContent = "failed (" + error.message + ")";
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    if (event.key === "j") { focus(index + 1); }
    else if (event.key === "k") { focus(index - 1); }
    else if (event.key === "a") { decide("accept"); }
    else if (event.key === "r") { decide("reject"); }
    else if (event.key === "Enter" && rows[index]) {
      window.location.href = "/calls/" + rows[index].dataset.call + "#finding-" + rows[index].dataset.id;
    } else { return; }
    event.preventDefault();
  });
  focus(0);
}());
