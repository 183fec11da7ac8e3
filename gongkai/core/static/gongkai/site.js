// Display modes for 信息无障碍 and 适老化: 大字版 (large font) and 高对比度 (high
// contrast). Each button toggles a class on <html> and remembers the choice in
// localStorage, not a cookie, so public pages stay identical for everyone and can
// be cached. display-early.js applies the stored choices before the first paint.
(function () {
  "use strict";
  var root = document.documentElement;
  var MODES = [
    { key: "gk-large-font", className: "large-font", selector: "[data-large-font-toggle]" },
    { key: "gk-high-contrast", className: "high-contrast", selector: "[data-contrast-toggle]" },
  ];
  function setUp(mode) {
    var buttons = document.querySelectorAll(mode.selector);
    var on = root.classList.contains(mode.className);
    function apply() {
      root.classList.toggle(mode.className, on);
      buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", on ? "true" : "false");
      });
    }
    buttons.forEach(function (button) {
      button.hidden = false;  // without JavaScript the browser's own zoom and colours remain
      button.addEventListener("click", function () {
        on = !on;
        try { localStorage.setItem(mode.key, on ? "1" : "0"); } catch (e) { /* private mode */ }
        apply();
      });
    });
    apply();
  }
  document.addEventListener("DOMContentLoaded", function () {
    MODES.forEach(setUp);
  });
})();
