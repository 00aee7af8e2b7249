// A « tout cocher » box (data-check-all="<form id>") ticks or unticks every checkbox
// that belongs to that form; delegated, so it works in sections swapped in by htmx.
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-check-all]");
  if (!all) return;
  const form = CSS.escape(all.dataset.checkAll);
  document.querySelectorAll(`input[type=checkbox][form="${form}"]`).forEach((box) => {
    box.checked = all.checked;
  });
});
