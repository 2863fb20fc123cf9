// Tags, stars and notes without reloads: the marks forms (star, tag, untag, note, delete note) post to the JSON
// API, then every copy of that object's marks on the page (the editor and the compact lines) is re-rendered from
// /parts/marks/KIND/ID. A closed "Tags and notes" editor is fetched when it is first opened. Without scripts the
// same forms post and come back to the page.
"use strict";
(function () {
  var oh = window.overheard;
  if (!oh) { return; }
  var API = {"star-form": "star", "tag-form": "tags", "untag-form": "tags/remove", "note-form": "notes"};

  function fragment(url) {
    return fetch(url, {credentials: "same-origin"}).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.text();
    }).then(function (html) {
      var template = document.createElement("template");
      template.innerHTML = html.trim();
      return template.content.firstElementChild;
    });
  }

  function partUrl(kind, oid, inline) {
    return "/parts/marks/" + kind + "/" + oid + (inline ? "?inline=1" : "");
  }

  // Re-render every copy of one object's marks; focus `selector` inside the editor afterwards.
  function refresh(kind, oid, selector) {
    var copies = document.querySelectorAll("[data-marks='" + kind + "-" + oid + "']");
    return Promise.all(Array.prototype.map.call(copies, function (old) {
      var inline = old.classList.contains("marks-line");
      return fragment(partUrl(kind, oid, inline)).then(function (fresh) {
        old.replaceWith(fresh);
        if (selector && !inline) {
          var target = fresh.querySelector(selector);
          if (target) { target.focus(); }
        }
      });
    }));
  }

  function fields(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.name !== "csrf_token" && field.name !== "back") { data[field.name] = field.value; }
    });
    if ("starred" in data) { data.starred = data.starred === "true"; }
    return data;
  }

  function send(form) {
    var box = form.closest("[data-marks]");
    var kind = box.dataset.kind, oid = box.dataset.oid;
    var type = Object.keys(API).find(function (name) { return form.classList.contains(name); });
    var url, body, done, focus;
    if (form.classList.contains("note-delete-form")) {
      url = form.getAttribute("action").replace(/^\/notes\//, "/api/notes/");
      body = {};
      done = oh.t("Note deleted.");
      focus = "textarea.note-input";
    } else {
      url = "/api/" + kind + "s/" + oid + "/" + API[type];
      body = fields(form);
      done = {"star-form": body.starred ? oh.t("Starred.") : oh.t("Star removed."),
              "tag-form": oh.t("Tag added: %(tag)s.", {tag: body.tag}),
              "untag-form": oh.t("Tag removed: %(tag)s.", {tag: body.tag}), "note-form": oh.t("Note added.")}[type];
      focus = {"star-form": "button.star-toggle", "tag-form": "input.tag-input", "untag-form": "input.tag-input",
               "note-form": "textarea.note-input"}[type];
    }
    return oh.api("POST", url, body).then(function (result) {
      if (result.ok) {
        oh.announce(done);
        return refresh(kind, oid, focus);
      }
      var error = box.querySelector(".marks-error") || document.getElementById("live-error");
      if (error) { oh.showError(error, result); }
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.closest("[data-marks]")) { return; }
    event.preventDefault();
    event.stopPropagation();
    send(form);
  }, true);

  // A lazily loaded editor (<details class="marks-editor" data-kind data-oid>): fetch it when first opened.
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.classList || !details.classList.contains("marks-editor") || !details.open) { return; }
    if (details.querySelector("[data-marks]")) { return; }
    fragment(partUrl(details.dataset.kind, details.dataset.oid, false)).then(function (editor) {
      var slot = details.querySelector(".marks-slot");
      slot.textContent = "";
      slot.appendChild(editor);
    });
  }, true);
}());
