// Offer form: add a phase row from the formset's empty form.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("add-phase");
  if (!button) return;
  button.addEventListener("click", () => {
    const total = document.getElementById("id_phases-TOTAL_FORMS");
    const html = document.getElementById("phase-template").innerHTML.replaceAll("__prefix__", total.value);
    document.querySelector("#phases tbody").insertAdjacentHTML("beforeend", html);
    total.value = Number(total.value) + 1;
  });
});
