// Service area picker: suggests communes, intercommunalities and départements from the
// gazetteer while a line is typed. Without JavaScript the names are typed and checked on saving.
(function () {
  "use strict";
  var box = document.querySelector(".area-picker");
  var area = box && box.querySelector("textarea");
  if (!box || !area) {
    return;
  }
  var list = document.createElement("ul");
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Suggestions");
  area.parentNode.appendChild(list);
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  area.parentNode.appendChild(status);
  var timer = null;

  function currentLine() {
    var before = area.value.slice(0, area.selectionStart);
    return before.slice(before.lastIndexOf("\n") + 1);
  }

  function choose(text) {
    var start = area.value.lastIndexOf("\n", area.selectionStart - 1) + 1;
    var end = area.value.indexOf("\n", area.selectionStart);
    end = end === -1 ? area.value.length : end;
    area.value = area.value.slice(0, start) + text + "\n" + area.value.slice(end).replace(/^\n/, "");
    list.textContent = "";
    area.focus();
  }

  function show(names) {
    list.textContent = "";
    names.forEach(function (name) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = name;
      button.addEventListener("click", function () { choose(name); });
      item.appendChild(button);
      list.appendChild(item);
    });
    status.textContent = names.length ? names.length + (names.length > 1 ? " suggestions" : " suggestion") : "";
  }

  area.addEventListener("input", function () {
    clearTimeout(timer);
    var typed = currentLine().trim();
    if (typed.length < 2) {
      show([]);
      return;
    }
    timer = setTimeout(function () {
      fetch(box.getAttribute("data-suggestions") + "?q=" + encodeURIComponent(typed), {
        credentials: "same-origin"
      }).then(function (response) {
        return response.ok ? response.json() : [];
      }).then(show).catch(function () { show([]); });
    }, 200);
  });
})();
