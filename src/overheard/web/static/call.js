// Call page: the transcript follows the audio, and words, times and findings seek it.
"use strict";
(function () {
  var player = document.getElementById("player");
  var timesNode = document.getElementById("word-times");
  var words = [];  // [start, end, key] sorted by start
  var elements = {};  // key -> [span, ...]
  var segments = [];
  function index() {  // again whenever review.js swaps in a re-rendered transcript
    elements = {};
    document.querySelectorAll("[data-w]").forEach(function (el) {
      (elements[el.dataset.w] = elements[el.dataset.w] || []).push(el);
    });
    segments = Array.prototype.slice.call(document.querySelectorAll(".seg[data-start]"))
      .filter(function (el) { return el.dataset.start !== ""; });
    currentKey = null;
    currentSegment = null;
  }
  if (timesNode) {
    JSON.parse(timesNode.textContent).forEach(function (segmentWords, position) {
      segmentWords.forEach(function (w, index) {
        words.push([w.start, w.end, position + "-" + index]);
      });
    });
    words.sort(function (a, b) { return a[0] - b[0]; });
  }
  var currentKey = null;
  var currentSegment = null;
  index();
  document.addEventListener("overheard:transcript-replaced", function () { index(); highlight(); });

  function wordAt(t) {
    var lo = 0, hi = words.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (words[mid][0] <= t) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    if (found >= 0 && t <= words[found][1] + 0.15) { return words[found][2]; }
    return null;
  }

  function segmentAt(t) {
    var best = null;
    segments.forEach(function (el) { if (parseFloat(el.dataset.start) <= t) { best = el; } });
    return best;
  }

  function highlight() {
    if (!player) { return; }
    var t = player.currentTime;
    var key = wordAt(t);
    if (key !== currentKey) {
      if (currentKey && elements[currentKey]) {
        elements[currentKey].forEach(function (el) { el.classList.remove("now"); });
      }
      if (key && elements[key]) {
        elements[key].forEach(function (el) { el.classList.add("now"); });
      }
      currentKey = key;
    }
    var seg = segmentAt(t);
    if (seg !== currentSegment) {
      if (currentSegment) { currentSegment.classList.remove("playing"); }
      if (seg) {
        seg.classList.add("playing");
        if (!player.paused && seg.scrollIntoView) { seg.scrollIntoView({block: "nearest"}); }
      }
      currentSegment = seg;
    }
  }

  function tick() {
    highlight();
    if (player && !player.paused) { window.requestAnimationFrame(tick); }
  }

  function seek(t) {
    if (!player || isNaN(t)) { return; }
    player.currentTime = t;
    highlight();
    var playing = player.play();
    if (playing && playing.catch) { playing.catch(function () {}); }
  }

  if (player) {
    player.addEventListener("play", function () { window.requestAnimationFrame(tick); });
    player.addEventListener("timeupdate", highlight);
    player.addEventListener("seeked", highlight);
    var source = document.getElementById("audio-source");
    if (source) {
      source.addEventListener("change", function () {
        var t = player.currentTime;
        player.src = source.value;
        player.currentTime = t;
      });
    }
  }

  // "/calls/N?t=SECONDS" (a report's evidence link) opens the player at that second.
  var startAt = parseFloat(new URLSearchParams(window.location.search).get("t"));
  if (player && !isNaN(startAt) && startAt >= 0) {
    var jump = function () { player.currentTime = startAt; highlight(); };
    if (player.readyState >= 1) { jump(); } else { player.addEventListener("loadedmetadata", jump, {once: true}); }
  }

  // The second a character of the transcript is spoken: its timed word, else its segment's start.
  function timeAtChar(c) {
    var word = null, run = null;
    document.querySelectorAll(".orig [data-c]").forEach(function (el) {
      if (parseInt(el.dataset.c, 10) <= c) {
        run = el;
        if (el.dataset.t !== undefined && el.dataset.t !== "") { word = el; }
      }
    });
    if (word && run && word.closest(".seg") === run.closest(".seg")) { return parseFloat(word.dataset.t); }
    var seg = run ? run.closest(".seg") : null;
    return seg && seg.dataset.start !== "" ? parseFloat(seg.dataset.start) : NaN;
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-t]") : null;
    if (!target) { return; }
    if (target.tagName === "A") { event.preventDefault(); }
    var t = target.dataset.t === "" ? NaN : parseFloat(target.dataset.t);
    if (isNaN(t) && target.dataset.c !== undefined) { t = timeAtChar(parseInt(target.dataset.c, 10)); }
    if (!isNaN(t)) { seek(t); }
  });

}());
