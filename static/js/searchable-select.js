// core.widgets.SearchableSelectMultiple: every <select multiple data-searchable> becomes a searchable multi-select
// (Tom Select). The control stays labelled by the field's <label>; its texts come from data- attributes in the
// page's language; each choice added or removed is announced in a polite live region; the remove buttons are real
// buttons with a name ("Remove Ministry of Justice"). Without JavaScript the plain <select multiple> remains.
// core.widgets.SearchableSelect: a <select data-searchable> without `multiple` becomes a searchable single choice
// whose chosen name wraps onto several lines instead of being cut at the box's edge (long Kazakh names); its empty
// choice ("All agencies") stays a choice; the chosen name is announced.
(function () {
  "use strict";
  if (typeof TomSelect === "undefined") {
    return;
  }

  var announcer = null;
  function announce(text) {
    if (!announcer) {
      announcer = document.createElement("div");
      announcer.className = "visually-hidden";
      announcer.setAttribute("aria-live", "polite");
      announcer.setAttribute("role", "status");
      document.body.appendChild(announcer);
    }
    announcer.textContent = "";
    window.setTimeout(function () {
      announcer.textContent = text;
    }, 50);
  }

  function escapeText(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  // The original <select> stays in the page for the form (visually hidden, out of the tab order): hide it from
  // screen readers too, so they meet one control, the combobox, not two.
  function hideOriginal(select) {
    select.setAttribute("aria-hidden", "true");
  }

  document.querySelectorAll("select[data-searchable]:not([multiple])").forEach(function (select) {
    var texts = select.dataset;
    var single = new TomSelect(select, {
      allowEmptyOption: true,
      maxOptions: null,
      refreshThrottle: 0,
      placeholder: texts.searchablePlaceholder || "",
      render: {
        no_results: function () {
          return '<div class="no-results">' + escapeText(texts.searchableNoResults || "") + "</div>";
        },
      },
      onChange: function (value) {
        var option = this.options[value];
        if (option) {
          announce(option.text);
        }
      },
    });
    // While words are typed they stand in the chosen name's place (portal.css, .is-typing).
    single.on("type", function (words) {
      single.wrapper.classList.toggle("is-typing", Boolean(words));
    });
    single.on("blur", function () {
      single.wrapper.classList.remove("is-typing");
    });
    single.on("change", function () {
      single.wrapper.classList.remove("is-typing");
    });
    hideOriginal(select);
  });

  document.querySelectorAll("select[multiple][data-searchable]").forEach(function (select) {
    var texts = select.dataset;
    var removeWord = texts.searchableRemove || "Remove";
    var control = new TomSelect(select, {
      plugins: {
        remove_button: { title: removeWord },
      },
      hidePlaceholder: true,
      placeholder: texts.searchablePlaceholder || "",
      maxOptions: null,
      // Filter at each key, not 300 ms later: Enter right after typing must choose what the list now shows.
      refreshThrottle: 0,
      closeAfterSelect: false,
      render: {
        no_results: function () {
          return '<div class="no-results">' + escapeText(texts.searchableNoResults || "") + "</div>";
        },
      },
      onItemAdd: function (value) {
        var option = this.options[value];
        announce((option ? option.text : value) + " — " + (texts.searchableAdded || ""));
        this.setTextboxValue("");
        this.refreshOptions(false);
      },
      onItemRemove: function (value) {
        var option = this.options[value];
        announce((option ? option.text : value) + " — " + (texts.searchableRemoved || ""));
      },
    });
    hideOriginal(select);
    // Tom Select's remove marks are <a> or <div> without a name: give each a button role and a name.
    var nameRemoveButtons = function () {
      control.control.querySelectorAll(".item").forEach(function (item) {
        var remove = item.querySelector(".remove");
        if (!remove) {
          return;
        }
        var label = item.firstChild ? item.firstChild.textContent : "";
        remove.setAttribute("role", "button");
        remove.setAttribute("aria-label", removeWord + " " + label.trim());
        remove.removeAttribute("title");
      });
    };
    nameRemoveButtons();
    control.on("item_add", nameRemoveButtons);
  });
})();
