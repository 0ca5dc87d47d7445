/* « Orienter »: suggest services by name while typing (the page works without it). */
(function () {
  var input = document.getElementById("service_name");
  var list = document.getElementById("services-trouves");
  if (!input || !list || !window.fetch) { return; }
  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < 2) { return; }
    timer = window.setTimeout(function () {
      fetch(list.getAttribute("data-suggest") + "?service_name=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (services) {
          list.textContent = "";
          services.forEach(function (service) {
            var option = document.createElement("option");
            option.value = service.name;
            option.label = service.organisation;
            list.appendChild(option);
          });
        })
        .catch(function () { /* the form still works: the page lists the matches */ });
    }, 200);
  });
})();
