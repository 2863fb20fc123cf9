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
  // words of each utterance, found in its whole text (a finding's highlight may cut a word into runs)
  var words = [];
  transcript.querySelectorAll(".orig").forEach(function (orig) {
    var pieces = [];
    var whole = "";
    orig.querySelectorAll(".r").forEach(function (run) {
      var node = run.firstChild;
      if (!node || node.nodeType !== 3) { return; }
      pieces.push({node: node, at: whole.length});
      whole += node.textContent;
    });
    function place(position, isEnd) {
      for (var i = pieces.length - 1; i >= 0; i -= 1) {
        var p = pieces[i];
        if (p.at < position || (!isEnd && p.at === position)) {
          return {node: p.node, offset: position - p.at};
        }
      }
      return {node: pieces[0].node, offset: 0};
    }
    var pattern = /[^\s]+/g;
    var match;
    while ((match = pattern.exec(whole)) !== null) {
      words.push({from: place(match.index, false), to: place(match.index + match[0].length, true)});
    }
  });
  var cursor = -1;
  var anchor = -1;
  transcript.tabIndex = 0;
  transcript.setAttribute("aria-label", "Transcript: arrows move over the words, Shift+arrows select them to quote");
  function show() {
    var a = words[Math.min(anchor < 0 ? cursor : anchor, cursor)];
    var b = words[Math.max(anchor < 0 ? cursor : anchor, cursor)];
    var range = document.createRange();
    range.setStart(a.from.node, a.from.offset);
    range.setEnd(b.to.node, b.to.offset);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    if (anchor >= 0) { update(); }
  }
  transcript.addEventListener("keydown", function (event) {
    if ((event.key !== "ArrowRight" && event.key !== "ArrowLeft") || words.length === 0) { return; }
    event.preventDefault();
    var step = event.key === "ArrowRight" ? 1 : -1;
    if (cursor < 0) {
      cursor = 0;  // the first press lands on the first word
    } else {
      if (event.shiftKey && anchor < 0) { anchor = cursor; }
      cursor = Math.min(words.length - 1, Math.max(0, cursor + step));
    }
    if (!event.shiftKey) { anchor = -1; }
    show();
  });
}());
