// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    // Sorting: submit as soon as the choice changes (the button stays for no-JS users).
    document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
      sel.addEventListener("change", function () { sel.form.submit(); });
    });
    // "/" jumps to the search box, as on many search sites.
    document.addEventListener("keydown", function (ev) {
      var box = document.getElementById("q");
      var tag = (ev.target && ev.target.tagName) || "";
      if (ev.key === "/" && box && !/^(INPUT|TEXTAREA|SELECT)$/.test(tag)) {
        ev.preventDefault();
        box.focus();
        box.select();
      }
    });
  });
})();
