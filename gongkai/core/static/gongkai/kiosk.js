// Kiosk mode for the 政务公开专区 touch screens. Switched on once per device at
// /zhuanqu/?kiosk=on (off with ?kiosk=off), kept in localStorage so public pages
// stay the same for everyone and cacheable. In kiosk mode every page gets large
// touch targets and a "返回专区首页" button, and an idle screen returns to the
// kiosk's start page, so the next visitor never finds the last one's search.
(function () {
  "use strict";
  var KEY = "gk-kiosk", IDLE_KEY = "gk-kiosk-idle", HOME = "/zhuanqu/";
  var DEFAULT_IDLE = 120, MIN_IDLE = 1, MAX_IDLE = 3600;
  function store(key, value) {
    try { if (value === null) { localStorage.removeItem(key); } else { localStorage.setItem(key, value); } }
    catch (e) { /* private mode: kiosk mode lasts for this page only */ }
  }
  function read(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  var params = new URLSearchParams(window.location.search);
  if (window.location.pathname === HOME) {
    if (params.get("kiosk") === "on") { store(KEY, "1"); }
    if (params.get("kiosk") === "off") { store(KEY, null); store(IDLE_KEY, null); }
    var idle = parseInt(params.get("idle") || "", 10);
    if (idle >= MIN_IDLE && idle <= MAX_IDLE) { store(IDLE_KEY, String(idle)); }
  }
  if (read(KEY) !== "1") { return; }
  var seconds = parseInt(read(IDLE_KEY) || "", 10) || DEFAULT_IDLE;
  document.documentElement.classList.add("kiosk");
  var timer = null;
  function goHome() {
    if (window.location.pathname === HOME && !window.location.search) { restart(); return; }
    window.location.assign(HOME);
  }
  function restart() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(goHome, seconds * 1000);
  }
  ["pointerdown", "keydown", "scroll", "touchstart"].forEach(function (name) {
    window.addEventListener(name, restart, { passive: true });
  });
  document.addEventListener("DOMContentLoaded", function () {
    var main = document.querySelector("main");
    if (main && window.location.pathname !== HOME) {
      var back = document.createElement("a");
      back.href = HOME;
      back.className = "kiosk-home";
      back.textContent = "返回专区首页";
      main.insertBefore(back, main.firstChild);
    }
    restart();
  });
})();
