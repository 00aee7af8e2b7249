// The project form: proposes an IC type from the need (no inline script: CSP).
(function () {
  const data = (id) => JSON.parse(document.getElementById(id).textContent);
  const proposed = data("proposed-types");
  const prefix = data("proposal-prefix");
  const typeSelect = document.querySelector("[name=ic_type]");
  const hint = document.getElementById("type-hint");
  if (!typeSelect) return;
  let touched = typeSelect.value !== "";
  typeSelect.addEventListener("change", () => { touched = true; });
  function update() {
    const need = document.querySelector("[name=need_kind]:checked");
    const count = document.querySelector("[name=structure_count]:checked");
    // The fiche technique's whole table comes from the server: « count|need » → outcome.
    const outcome = need && count ? proposed[`${count.value}|${need.value}`] : null;
    if (!outcome) { hint.hidden = true; return; }
    if (outcome.refusal) {
      hint.textContent = outcome.refusal;
      hint.className = "alert alert-warning py-2"; hint.hidden = false;
      return;
    }
    const option = typeSelect.querySelector(`option[value="${outcome.type}"]`);
    hint.textContent = prefix + " " + (option ? option.textContent : "");
    hint.className = "alert alert-info py-2"; hint.hidden = false;
    if (!touched) typeSelect.value = outcome.type;
  }
  document.querySelectorAll("[name=need_kind], [name=structure_count]").forEach(
    (input) => input.addEventListener("change", update)
  );
  update();
})();
