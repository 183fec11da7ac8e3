// Loaded in <head> without defer: applies the reader's display choices (大字版,
// 高对比度) before the first paint, so the page does not flash. A file, not an
// inline script, because the Content-Security-Policy allows scripts from this
// origin only. The choices live in localStorage, never a cookie, so public pages
// stay identical for everyone and can be cached.
(function () {
  "use strict";
  var root = document.documentElement;
  try {
    if (localStorage.getItem("gk-large-font") === "1") root.classList.add("large-font");
    if (localStorage.getItem("gk-high-contrast") === "1") root.classList.add("high-contrast");
  } catch (e) { /* storage disabled: the default display */ }
})();
