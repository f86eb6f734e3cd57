/* Loaded on every page (Jupyter Book 1 adds each *.js file under _static/ itself).
 *
 * 1. The sidebar buttons say whether what they control is open (aria-expanded), and the
 *    phone dialogs (chapter list, page contents) get a visible Close button. The theme scripts
 *    do the opening and closing; _book/templates/layout.html makes them bind the visible buttons.
 *    myst-nb's hidden-cell toggles are named by their visible words.
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

  // The theme opens and closes the sidebars (on desktop sphinx-book-theme toggles a class on the
  // chapter list, on a phone pydata-sphinx-theme moves it into a <dialog>); watching those
  // changes keeps the buttons' state right whichever script acted, and however.
  function setupToggle(button, sidebar, dialog, isPrimary) {
    if (!button || !sidebar || !dialog) return;
    function sync() {
      var open = dialog.open || (isPrimary && wide.matches && !sidebar.classList.contains("pst-sidebar-hidden"));
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (dialog.open && !dialog.querySelector(".course-dialog-close")) {
        var close = document.createElement("button");
        close.type = "button";
        close.className = "btn course-dialog-close";
        close.textContent = "Close";
        close.addEventListener("click", function () { dialog.close(); });
        dialog.insertBefore(close, dialog.firstChild);
        close.focus();
      }
    }
    dialog.addEventListener("close", function () {
      // The theme moves the dialog's content back into the sidebar; the Close button goes.
      sidebar.querySelectorAll(".course-dialog-close").forEach(function (b) { b.remove(); });
      dialog.querySelectorAll(".course-dialog-close").forEach(function (b) { b.remove(); });
      sync();
    });
    new MutationObserver(sync).observe(dialog, {attributes: true, attributeFilter: ["open"]});
    new MutationObserver(sync).observe(sidebar, {attributes: true, attributeFilter: ["class"]});
    if (wide.addEventListener) wide.addEventListener("change", sync);
    sync();
  }

  ready(function () {
    setupToggle(document.querySelector(".bd-header-article .primary-toggle"),
      document.getElementById("pst-primary-sidebar"), document.getElementById("pst-primary-sidebar-modal"), true);
    setupToggle(document.querySelector(".bd-header-article .secondary-toggle"),
      document.getElementById("pst-secondary-sidebar"), document.getElementById("pst-secondary-sidebar-modal"), false);

    // myst-nb names its "Show code cell source" toggles "Toggle hidden content", which is not
    // what they show (WCAG 2.5.3); without that label their name is the visible words.
    document.querySelectorAll("details.hide > summary[aria-label]").forEach(function (summary) {
      summary.removeAttribute("aria-label");
    });

    // pydata-sphinx-theme makes every box that scrolls sideways (a wide table, long code, an
    // output) focusable, so keyboard users can scroll it, but only checks again when the window
    // is resized: hiding the chapter list or opening a hidden cell changes which boxes scroll.
    // This checks whenever the text column changes size, the theme's boxes and any <pre> (a rich
    // summary's own, say). A focusable box needs a role and a name: each becomes a region named
    // after what it holds ("Table 2: chapter, teaches, ...").
    var counts = {};
    var boxes = ".bd-article pre, .bd-article .pst-scrollable-table-container, .bd-article .cell_output > .output";
    function labelScrollables() {
      document.querySelectorAll(boxes).forEach(function (box) {
        if (!box.getClientRects().length) return;  // hidden: measured when shown
        var scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
        box.tabIndex = scrolls ? 0 : -1;
        if (!scrolls || box.hasAttribute("role")) return;
        var table = box.querySelector("table");
        var kind = table ? "Table" : (box.closest(".cell_output") ? "Output" : "Code");
        counts[kind] = (counts[kind] || 0) + 1;
        var name = kind + " " + counts[kind];
        if (table) {
          var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
            return th.textContent.trim();
          }).filter(Boolean).slice(0, 4).join(", ");
          if (heads) name += ": " + heads;
        }
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name);
      });
    }
    var pending = false;
    function soon() {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; labelScrollables(); });
    }
    labelScrollables();
    var article = document.querySelector(".bd-article");
    if (article && window.ResizeObserver) new ResizeObserver(soon).observe(article);
    // Hidden cells and dropdowns: their boxes can only be measured once shown.
    document.addEventListener("toggle", function () { setTimeout(soon, 50); }, true);
    document.addEventListener("click", function () { setTimeout(soon, 400); });

    // searchtools.js declares `const Search`: a global binding, but not a property of window.
    if (typeof Search !== "undefined" && typeof Search.htmlToText === "function" && !Search.courseBook) {
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
