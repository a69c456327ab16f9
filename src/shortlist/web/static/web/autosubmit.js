// Controls marked data-autosubmit save their form as soon as they change (no inline handlers: the
// Content-Security-Policy allows scripts from this site only). Without JavaScript, a Save button shows.
document.addEventListener("change", (event) => {
  const control = event.target.closest("[data-autosubmit]");
  if (control && control.form) control.form.requestSubmit();
});
