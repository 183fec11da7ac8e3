// Large-font reading mode (信息无障碍). The choice lives in localStorage, not a
// cookie, so public pages stay identical for everyone and can be cached.
(function () {
  "use strict";
  var KEY = "gk-large-font";
  var root = document.documentElement;
  function apply(on) {
    root.classList.toggle("large-font", on);
    document.querySelectorAll("[data-large-font-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var on = root.classList.contains("large-font");
    document.querySelectorAll("[data-large-font-toggle]").forEach(function (button) {
      button.hidden = false;  // without JavaScript the browser's own zoom remains
      button.addEventListener("click", function () {
        on = !on;
        try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
        apply(on);
      });
    });
    apply(on);
  });
})();
