/* Grille d'enquête: warn before leaving with unsaved changes; add and reorder phases.
   Works without it: every button is a plain submit the server understands. */
(function () {
  "use strict";

  function renumber(container) {
    var index = 1;
    container.querySelectorAll("[data-phase]").forEach(function (phase) {
      var order = phase.querySelector('input[name$="-ORDER"]');
      if (order) { order.value = index; }
      index += 1;
    });
  }

  function wirePhases(form) {
    var container = form.querySelector("[data-phases]");
    var template = form.querySelector("template[data-phase-template]");
    var addButton = form.querySelector("[data-add-phase]");
    var total = form.querySelector('input[name="phases-TOTAL_FORMS"]');
    if (!container) { return; }

    container.addEventListener("click", function (event) {
      var button = event.target.closest("[data-move]");
      if (!button) { return; }
      var phase = button.closest("[data-phase]");
      if (button.dataset.move === "up" && phase.previousElementSibling) {
        container.insertBefore(phase, phase.previousElementSibling);
      } else if (button.dataset.move === "down" && phase.nextElementSibling) {
        container.insertBefore(phase.nextElementSibling, phase);
      }
      renumber(container);
      form.dispatchEvent(new Event("change"));
      button.focus();
    });

    if (addButton && template && total) {
      addButton.addEventListener("click", function (event) {
        event.preventDefault();
        var index = parseInt(total.value, 10) || 0;
        var html = template.innerHTML.replace(/__prefix__/g, String(index));
        container.insertAdjacentHTML("beforeend", html);
        total.value = index + 1;
        renumber(container);
        var added = container.lastElementChild;
        var title = added && added.querySelector('input[name$="-title"]');
        if (title) { title.focus(); }
        form.dispatchEvent(new Event("change"));
      });
    }
  }

  function wireUnsavedWarning(form) {
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (!dirty) { return undefined; }
      event.preventDefault();
      event.returnValue = "";
      return "";
    });
  }

  document.querySelectorAll("form[data-grille-form]").forEach(function (form) {
    wirePhases(form);
    wireUnsavedWarning(form);
  });
})();
