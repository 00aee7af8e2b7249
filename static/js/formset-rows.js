// The IC form's objectives and tranches, the Acteurs tab's new structures: rows added,
// removed and moved in place, without a save. Without this script the form still works: blank rows to fill, a « supprimer » box
// per saved row, and the rows keep the order they were shown in.
(function () {
  const visible = (row) => !row.hidden;

  function setUp(box) {
    if (box.dataset.formsetReady) return;
    box.dataset.formsetReady = "1";
    const prefix = box.dataset.formset;
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    const template = document.querySelector(`template[data-empty-row="${prefix}"]`);
    const addButton = document.querySelector(`[data-add-row="${prefix}"]`);
    if (!total || !template) return;
    const rows = () => [...box.querySelectorAll(":scope > [data-formset-row]")];

    // Each row's rank travels in its hidden ORDER field: the server numbers rows by it.
    const rank = () => rows().forEach((row, index) => {
      const order = row.querySelector('input[name$="-ORDER"]');
      if (order) order.value = index + 1;
    });

    function add() {
      const index = Number(total.value);
      box.insertAdjacentHTML("beforeend", template.innerHTML.replaceAll("__prefix__", index));
      total.value = index + 1;
      const row = rows().at(-1);
      row.querySelectorAll("[data-js-only]").forEach((el) => { el.hidden = false; });
      rank();
      row.querySelector("select, textarea, input:not([type=hidden])")?.focus();
    }

    function move(row, direction) {
      const others = rows().filter(visible);
      const at = others.indexOf(row);
      const target = others[at + (direction === "up" ? -1 : 1)];
      if (!target) return;
      if (direction === "up") target.before(row); else target.after(row);
      rank();
      row.querySelector(`[data-move="${direction}"]`).focus();
    }

    function remove(row) {
      const deleted = row.querySelector('input[type=checkbox][name$="-DELETE"]');
      if (deleted) { deleted.checked = true; row.hidden = true; } // a saved row: deleted on save
      else row.remove(); // a new row: its absent fields make an empty, ignored form
      rank();
      addButton?.focus();
    }

    box.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-move], button[data-remove]");
      if (!button) return;
      const row = button.closest("[data-formset-row]");
      if (button.dataset.move) move(row, button.dataset.move); else remove(row);
    });
    addButton?.addEventListener("click", add);
    if (addButton) addButton.hidden = false;
    rows().forEach((row) => {
      const deleted = row.querySelector('input[type=checkbox][name$="-DELETE"]');
      if (deleted?.checked) row.hidden = true; // removed before a refused save: still removed
    });
    box.querySelectorAll("[data-delete-box]").forEach((el) => { el.hidden = true; });
    rank();
  }

  // (a <template>'s content is not in the document: a cloned row is shown by add())
  function setUpIn(root) {
    root.querySelectorAll("[data-js-only]").forEach((el) => { el.hidden = false; });
    root.querySelectorAll("[data-no-js]").forEach((el) => { el.hidden = true; });
    root.querySelectorAll("[data-formset]").forEach(setUp);
  }

  setUpIn(document);
  // A form loaded or answered by htmx (the IC page's sections) is set up when it lands.
  document.addEventListener("htmx:load", (event) => setUpIn(event.detail.elt));
})();
