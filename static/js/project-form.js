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
    if ((count && count.value === "une") || (need && need.value === "specifique")) {
      hint.textContent = data("individual-message");
      hint.className = "alert alert-warning py-2"; hint.hidden = false;
      return;
    }
    if (!need || !proposed[need.value]) { hint.hidden = true; return; }
    const option = typeSelect.querySelector(`option[value="${proposed[need.value]}"]`);
    hint.textContent = prefix + " " + (option ? option.textContent : "");
    hint.className = "alert alert-info py-2"; hint.hidden = false;
    if (!touched) typeSelect.value = proposed[need.value];
  }
  document.querySelectorAll("[name=need_kind], [name=structure_count]").forEach(
    (input) => input.addEventListener("change", update)
  );
  update();
})();
