// The call page's quote maker: a selection in the transcript (mouse or keyboard) becomes the quote's range.
(function () {
  "use strict";
  var transcript = document.getElementById("transcript");
  var form = document.getElementById("quote-form");
  if (!transcript || !form) { return; }
  var startField = document.getElementById("quote-start");
  var endField = document.getElementById("quote-end");
  var preview = document.getElementById("quote-preview");
  var submit = document.getElementById("quote-submit");

  function offset(node, within) {
    var el = node.nodeType === 3 ? node.parentElement : node;
    var run = el && el.closest ? el.closest("[data-c]") : null;
    if (!run) { return null; }
    return parseInt(run.dataset.c, 10) + (node.nodeType === 3 ? within : 0);
  }

  function update() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!transcript.contains(range.commonAncestorContainer)) { return; }
    var start = offset(range.startContainer, range.startOffset);
    var end = offset(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) { return; }
    startField.value = start;
    endField.value = end;
    preview.textContent = selection.toString().trim();
    submit.disabled = false;
  }
  document.addEventListener("selectionchange", update);
  transcript.addEventListener("mouseup", update);

  // Keyboard: the transcript takes focus; arrows move a cursor over the words, Shift+arrows extend a selection.
  var runs = Array.prototype.slice.call(transcript.querySelectorAll(".orig .r"));
  var cursor = -1;
  var anchor = -1;
  transcript.tabIndex = 0;
  transcript.setAttribute("aria-label", "Transcript: arrows move over the words, Shift+arrows select them to quote");
  function word(step, from) {
    var i = from + step;
    while (i >= 0 && i < runs.length && !/\S/.test(runs[i].textContent)) { i += step; }
    return i >= 0 && i < runs.length ? i : from;
  }
  function show() {
    runs.forEach(function (run) { run.classList.remove("kbd"); });
    if (cursor >= 0) { runs[cursor].classList.add("kbd"); }
    if (anchor < 0) { return; }
    var a = Math.min(anchor, cursor);
    var b = Math.max(anchor, cursor);
    var range = document.createRange();
    range.setStart(runs[a].firstChild || runs[a], 0);
    range.setEnd(runs[b].firstChild || runs[b], (runs[b].firstChild || runs[b]).textContent.length);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    update();
  }
  transcript.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") { return; }
    event.preventDefault();
    var step = event.key === "ArrowRight" ? 1 : -1;
    if (cursor < 0) { cursor = word(1, -1); }
    if (event.shiftKey) {
      if (anchor < 0) { anchor = cursor; } else { cursor = word(step, cursor); }
    } else {
      anchor = -1;
      cursor = word(step, cursor);
    }
    show();
  });
}());
