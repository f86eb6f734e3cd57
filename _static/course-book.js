/* Loaded on every page (Jupyter Book 1 adds each *.js file under _static/ itself).
 *
 * 1. The sidebar buttons say whether what they control is open (aria-expanded), and the
 *    phone dialogs (chapter list, page contents) get a visible Close button. The theme scripts
 *    do the opening and closing; _book/templates/layout.html makes them bind the visible buttons.
 * 2. Search result snippets come from the chapter's text, not from the page's buttons, its
 *    print-only table of contents or its sidebars: Sphinx's search reads everything inside
 *    [role=main], which in this theme holds all of those.
 */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  var wide = window.matchMedia("(min-width: 992px)");

  function setupToggle(button, sidebar, dialog) {
    if (!button || !sidebar || !dialog) return;
    function sync() {
      var open = dialog.open || (wide.matches && button.classList.contains("primary-toggle")
        ? !sidebar.classList.contains("pst-sidebar-hidden")
        : dialog.open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      // The theme's handlers have run: on a phone the dialog is open now.
      if (dialog.open && !dialog.querySelector(".course-dialog-close")) {
        var close = document.createElement("button");
        close.type = "button";
        close.className = "btn course-dialog-close";
        close.textContent = "Close";
        close.addEventListener("click", function () { dialog.close(); });
        dialog.insertBefore(close, dialog.firstChild);
        close.focus();
      }
      sync();
    });
    dialog.addEventListener("close", function () {
      // The theme moves the dialog's content back into the sidebar; the Close button goes.
      document.querySelectorAll(".course-dialog-close").forEach(function (b) { b.remove(); });
      sync();
    });
    if (wide.addEventListener) wide.addEventListener("change", sync);
    sync();
  }

  ready(function () {
    setupToggle(document.querySelector(".bd-header-article .primary-toggle"),
      document.getElementById("pst-primary-sidebar"), document.getElementById("pst-primary-sidebar-modal"));
    setupToggle(document.querySelector(".bd-header-article .secondary-toggle"),
      document.getElementById("pst-secondary-sidebar"), document.getElementById("pst-secondary-sidebar-modal"));

    if (window.Search && typeof Search.htmlToText === "function" && !Search.courseBook) {
      var original = Search.htmlToText;
      var noise = [".bd-header-article", "#jb-print-docs-body", ".bd-sidebar-secondary", ".prev-next-area",
        ".bd-footer-article", ".bd-footer-content", ".toggle-details__summary", ".cell_input summary",
        "button", ".tag_remove-input .cell_input", ".tag_hide-input .cell_input"].join(",");
      Search.htmlToText = function (htmlString, anchor) {
        var doc = new DOMParser().parseFromString(htmlString, "text/html");
        doc.querySelectorAll(noise).forEach(function (el) { el.remove(); });
        return original(doc.documentElement.outerHTML, anchor);
      };
      Search.courseBook = true;
    }
  });
})();
