// Irreversible actions ask first: a submit button (or its form) carrying data-confirm
// submits only once the user has confirmed its message.
document.addEventListener("submit", (event) => {
  const message = event.submitter?.dataset.confirm || event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);
