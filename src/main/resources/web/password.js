// A "Show password" checkbox reveals the password fields of its own form, so that a person can
// check what they typed (ASVS 4.0.3 2.1.12). Unchecked, or on submit, they are masked again.
(function () {
  "use strict";
  function reveal(form, shown) {
    form.querySelectorAll("input[data-revealable]").forEach(function (input) {
      input.type = shown ? "text" : "password";
    });
  }
  document.addEventListener("change", function (e) {
    var box = e.target;
    if (box.matches && box.matches("input[data-reveal]") && box.form) {
      reveal(box.form, box.checked);
    }
  });
  document.addEventListener("submit", function (e) {
    var box = e.target.querySelector && e.target.querySelector("input[data-reveal]");
    if (box) {
      box.checked = false;
      reveal(e.target, false);
    }
  });
})();
