/* The minutes editor: a rich-text editor (TipTap, vendored in static/vendor/tiptap-3.35.0) over each
   <textarea data-rich-text>. Progressive enhancement: without JavaScript, or if the bundle failed to load, the
   textarea itself takes the text. The editor writes its HTML back into the textarea on every change, so the form
   posts as before; the server sanitises it (meetings.services.sanitize_rich_text) whatever the browser sent.

   Content Security Policy: no inline styles. TipTap's own <style> injection is off (injectCSS: false; the styles
   are in static/css/minutes-editor.css), tables render without style attributes, and pasted HTML is cleaned in an
   inert document (DOMParser), which applies no styles.

   Keyboard: the toolbar is one Tab stop (arrow keys, Home and End move inside it, WAI-ARIA toolbar pattern);
   Alt+F10 or Escape in the text moves to the toolbar, Escape in the toolbar goes back to the text; Ctrl+K adds a
   link. In a table Tab moves to the next cell and, from the last cell, out of the editor. */
(function () {
  "use strict";

  var T = window.PortalTiptap;
  var labelsElement = document.getElementById("rich-editor-labels");
  if (!T || !labelsElement) {
    return;
  }
  var L = labelsElement.dataset;
  var SVG = "http://www.w3.org/2000/svg";

  // --- Paste from Word: keep headings, lists, tables and emphasis; drop Word's styles, classes and markers. ----
  //
  // Chrome applies the page's CSP even to documents made by DOMParser, so pasted HTML is never parsed with its
  // style attributes or <style> elements: they are renamed (data-pasted-style, read for list levels and for
  // bold or italic set by style) or removed as text first, and the HTML handed back to the editor has none.

  var LIST_MARKER_ORDERED = /^\(?([0-9]{1,3}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})[.)]/;
  var STYLE = "data-pasted-style";

  function defuseStyles(html) {
    return html
      .replace(/<style[\s\S]*?<\/style\s*>/gi, "")
      .replace(/<[a-zA-Z][^>]*>/g, function (tag) {
        return tag.replace(/(\s)style\s*=/gi, "$1" + STYLE + "=");
      });
  }

  function styleOf(element) {
    return element.getAttribute(STYLE) || "";
  }

  function isWordHtml(html) {
    return /urn:schemas-microsoft-com:office|class="?Mso|mso-list|<o:p/i.test(html);
  }

  function wordList(paragraph) {
    // {id, level} of a Word list paragraph ("mso-list:l0 level2 lfo1"), or null.
    var style = styleOf(paragraph);
    var list = /mso-list\s*:\s*(l\d+)\s+level(\d+)/i.exec(style);
    if (list) {
      return { id: list[1], level: parseInt(list[2], 10) };
    }
    return /MsoListParagraph/i.test(paragraph.className) ? { id: "l", level: 1 } : null;
  }

  function takeListMarker(paragraph) {
    // Word writes the bullet or number as text in a span marked mso-list:Ignore; it is not content.
    var marker = "";
    paragraph.querySelectorAll("span").forEach(function (span) {
      if (/mso-list\s*:\s*Ignore/i.test(styleOf(span))) {
        marker += span.textContent;
        span.remove();
      }
    });
    return marker.replace(/\u00a0/g, " ").trim();
  }

  function convertWordLists(body) {
    var stack = []; // the open lists, outermost first: {list, level, ordered}
    var previous = null;
    var listId = null;
    Array.prototype.slice.call(body.querySelectorAll("p")).forEach(function (paragraph) {
      var info = wordList(paragraph);
      if (!info) {
        return;
      }
      var ordered = LIST_MARKER_ORDERED.test(takeListMarker(paragraph));
      // Not right after the previous list paragraph, or another Word list: a new list starts.
      if (!previous || previous.nextElementSibling !== paragraph || info.id !== listId) {
        stack = [];
      }
      listId = info.id;
      while (stack.length && (stack[stack.length - 1].level > info.level ||
             (stack[stack.length - 1].level === info.level && stack[stack.length - 1].ordered !== ordered))) {
        stack.pop();
      }
      var doc = paragraph.ownerDocument;
      var item = doc.createElement("li");
      while (paragraph.firstChild) {
        item.appendChild(paragraph.firstChild);
      }
      var top = stack[stack.length - 1];
      if (!top || top.level < info.level) {
        var list = doc.createElement(ordered ? "ol" : "ul");
        if (top && top.list.lastElementChild) {
          top.list.lastElementChild.appendChild(list);
        } else {
          paragraph.parentNode.insertBefore(list, paragraph);
        }
        top = { list: list, level: info.level, ordered: ordered };
        stack.push(top);
      }
      top.list.appendChild(item);
      // The emptied paragraph stays until the end, so "right after the previous one" can still be checked.
      paragraph.setAttribute("data-word-list", "moved");
      previous = paragraph;
    });
    body.querySelectorAll("p[data-word-list]").forEach(function (placeholder) {
      placeholder.remove();
    });
  }

  function emphasisFromStyles(body) {
    // Google Docs and some Word versions mark bold and italics by style only.
    body.querySelectorAll("[" + STYLE + "]").forEach(function (element) {
      var style = styleOf(element).toLowerCase();
      var wrappers = [];
      if (/font-weight\s*:\s*(bold|[6-9]00)/.test(style)) { wrappers.push("strong"); }
      if (/font-style\s*:\s*italic/.test(style)) { wrappers.push("em"); }
      if (/text-decoration[^;]*underline/.test(style)) { wrappers.push("u"); }
      if (!wrappers.length || element.tagName === "B" || /^H\d$/.test(element.tagName)) {
        return;
      }
      wrappers.forEach(function (tag) {
        var wrapper = element.ownerDocument.createElement(tag);
        while (element.firstChild) { wrapper.appendChild(element.firstChild); }
        element.appendChild(wrapper);
      });
    });
    // Google Docs wraps the whole clipboard in <b style="font-weight:normal">: that is not bold.
    body.querySelectorAll("b").forEach(function (b) {
      if (/font-weight\s*:\s*(normal|[1-4]00)/i.test(styleOf(b))) { unwrap(b); }
    });
  }

  function unwrap(element) {
    while (element.firstChild) { element.parentNode.insertBefore(element.firstChild, element); }
    element.remove();
  }

  function cleanPastedHtml(html) {
    var word = isWordHtml(html);
    var doc = new DOMParser().parseFromString(defuseStyles(html), "text/html");
    var body = doc.body;
    body.querySelectorAll("meta, link, script, xml, title, template").forEach(function (el) { el.remove(); });
    // Office-only elements: o:p (Word's empty paragraph marks) go, the others (w:sdt ...) give up their content.
    Array.prototype.slice.call(body.getElementsByTagName("*")).forEach(function (el) {
      if (el.tagName.indexOf(":") !== -1) {
        if (el.tagName.toLowerCase() === "o:p") { el.remove(); } else { unwrap(el); }
      }
    });
    var walker = doc.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
    var comments = [];
    while (walker.nextNode()) { comments.push(walker.currentNode); }
    comments.forEach(function (comment) { comment.remove(); });
    if (word) {
      convertWordLists(body);
      body.querySelectorAll("p.MsoTitle").forEach(function (p) { rename(p, "h2"); });
      body.querySelectorAll("p.MsoSubtitle").forEach(function (p) { rename(p, "h3"); });
    }
    emphasisFromStyles(body);
    // The page has its own title (h1); the minutes use three heading levels, h2 to h4.
    body.querySelectorAll("h1").forEach(function (h) { rename(h, "h2"); });
    body.querySelectorAll("h5, h6").forEach(function (h) { rename(h, "h4"); });
    // No style, class or layout attribute survives: the editor's schema would drop them anyway, and a
    // style attribute parsed again by the editor would be blocked by the CSP.
    Array.prototype.slice.call(body.getElementsByTagName("*")).forEach(function (el) {
      [STYLE, "class", "width", "height", "bgcolor", "border", "cellpadding", "cellspacing", "valign", "align",
       "lang", "id"].forEach(function (name) { el.removeAttribute(name); });
    });
    return body.innerHTML;
  }

  function rename(element, tag) {
    var replacement = element.ownerDocument.createElement(tag);
    while (element.firstChild) { replacement.appendChild(element.firstChild); }
    element.parentNode.replaceChild(replacement, element);
  }

  // --- Schema tweaks: tables and cells without style attributes (CSP), Tab that can leave a table. ----------

  var PlainTable = T.Table.extend({
    renderHTML: function () { return ["table", {}, ["tbody", 0]]; },
    addKeyboardShortcuts: function () {
      var editor = this.editor;
      return {
        Tab: function () { return editor.commands.goToNextCell(); },
        "Shift-Tab": function () { return editor.commands.goToPreviousCell(); }
      };
    }
  }).configure({ View: null, resizable: false, allowTableNodeSelection: false });

  function spanOnlyAttributes() {
    return {
      colspan: { default: 1 },
      rowspan: { default: 1 },
      colwidth: { default: null, parseHTML: function () { return null; }, renderHTML: function () { return {}; } }
    };
  }
  var PlainCell = T.TableCell.extend({ addAttributes: spanOnlyAttributes });
  var PlainHeader = T.TableHeader.extend({ addAttributes: spanOnlyAttributes });

  // --- Toolbar -------------------------------------------------------------------------------------------

  var ICONS = {
    bulletList: "M4 6h2v2H4zM9 6h11v2H9zM4 11h2v2H4zM9 11h11v2H9zM4 16h2v2H4zM9 16h11v2H9z",
    orderedList: "M3 5h2v4H4V6H3zM9 6h11v2H9zM3 11h3v1H4v1h2v1H3zM9 11h11v2H9zM3 16h3v4H3v-1h2v-.5H4v-1h1V17H3zM9 16h11v2H9z",
    blockquote: "M5 7h5v5H7c0 2 1 3 3 3v2c-3 0-5-2-5-5zM14 7h5v5h-3c0 2 1 3 3 3v2c-3 0-5-2-5-5z",
    link: "M10.6 13.4a1 1 0 0 0 1.4 0l4-4a2.8 2.8 0 0 0-4-4l-1.5 1.5 1.4 1.4L13.4 7a.8.8 0 0 1 1.2 1.2l-4 4a1 1 0 0 0 0 1.2zM13.4 10.6a1 1 0 0 0-1.4 0l-4 4a2.8 2.8 0 0 0 4 4l1.5-1.5-1.4-1.4-1.5 1.3a.8.8 0 0 1-1.2-1.2l4-4a1 1 0 0 0 0-1.2z",
    table: "M3 5h18v14H3zm2 2v3h6V7zm8 0v3h6V7zm-8 5v5h6v-5zm8 0v5h6v-5z",
    undo: "M8 7V4L3 9l5 5v-3h6a4 4 0 0 1 0 8h-3v2h3a6 6 0 0 0 0-12z",
    redo: "M16 7V4l5 5-5 5v-3h-6a4 4 0 0 0 0 8h3v2h-3a6 6 0 0 1 0-12z"
  };

  function icon(name) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  // [name, label, glyph or icon, command, isActive, shortcut]
  function toolDefinitions(editor, openLinkPanel) {
    var chain = function () { return editor.chain().focus(); };
    return [
      { group: "style", name: "paragraph", text: L.paragraph, run: function () { chain().setParagraph().run(); },
        active: function () { return editor.isActive("paragraph") && !editor.isActive("listItem"); } },
      { group: "style", name: "heading2", text: L.heading, run: function () { chain().toggleHeading({ level: 2 }).run(); },
        active: function () { return editor.isActive("heading", { level: 2 }); }, keys: "Ctrl+Alt+2" },
      { group: "style", name: "heading3", text: L.subheading, run: function () { chain().toggleHeading({ level: 3 }).run(); },
        active: function () { return editor.isActive("heading", { level: 3 }); }, keys: "Ctrl+Alt+3" },
      { group: "marks", name: "bold", glyph: L.boldGlyph, label: L.bold, run: function () { chain().toggleBold().run(); },
        active: function () { return editor.isActive("bold"); }, keys: "Ctrl+B" },
      { group: "marks", name: "italic", glyph: L.italicGlyph, label: L.italic, run: function () { chain().toggleItalic().run(); },
        active: function () { return editor.isActive("italic"); }, keys: "Ctrl+I" },
      { group: "marks", name: "underline", glyph: L.underlineGlyph, label: L.underline, run: function () { chain().toggleUnderline().run(); },
        active: function () { return editor.isActive("underline"); }, keys: "Ctrl+U" },
      { group: "blocks", name: "bulletList", icon: "bulletList", label: L.bulletList, run: function () { chain().toggleBulletList().run(); },
        active: function () { return editor.isActive("bulletList"); }, keys: "Ctrl+Shift+8" },
      { group: "blocks", name: "orderedList", icon: "orderedList", label: L.orderedList, run: function () { chain().toggleOrderedList().run(); },
        active: function () { return editor.isActive("orderedList"); }, keys: "Ctrl+Shift+7" },
      { group: "blocks", name: "blockquote", icon: "blockquote", label: L.quote, run: function () { chain().toggleBlockquote().run(); },
        active: function () { return editor.isActive("blockquote"); } },
      { group: "insert", name: "link", icon: "link", label: L.link, run: openLinkPanel,
        active: function () { return editor.isActive("link"); }, keys: "Ctrl+K", toggle: false },
      { group: "insert", name: "table", icon: "table", label: L.insertTable,
        run: function () { chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(); },
        enabled: function () { return !editor.isActive("table"); }, toggle: false },
      { group: "table", name: "addRow", text: L.addRow, run: function () { chain().addRowAfter().run(); }, inTable: true },
      { group: "table", name: "addColumn", text: L.addColumn, run: function () { chain().addColumnAfter().run(); }, inTable: true },
      { group: "table", name: "deleteRow", text: L.deleteRow, run: function () { chain().deleteRow().run(); }, inTable: true },
      { group: "table", name: "deleteColumn", text: L.deleteColumn, run: function () { chain().deleteColumn().run(); }, inTable: true },
      { group: "table", name: "deleteTable", text: L.deleteTable, run: function () { chain().deleteTable().run(); }, inTable: true },
      { group: "history", name: "undo", icon: "undo", label: L.undo, run: function () { chain().undo().run(); },
        enabled: function () { return editor.can().undo(); }, keys: "Ctrl+Z", toggle: false },
      { group: "history", name: "redo", icon: "redo", label: L.redo, run: function () { chain().redo().run(); },
        enabled: function () { return editor.can().redo(); }, keys: "Ctrl+Shift+Z", toggle: false }
    ];
  }

  function buildButton(tool) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "rich-editor-button";
    button.dataset.tool = tool.name;
    button.tabIndex = -1;
    if (tool.text) {
      button.textContent = tool.text;
    } else {
      // An icon or a letter shown, the full name read out (and shown on hover with its shortcut).
      var face = tool.icon ? icon(tool.icon) : document.createElement("span");
      if (!tool.icon) {
        face.setAttribute("aria-hidden", "true");
        face.className = "rich-editor-glyph rich-editor-glyph--" + tool.name;
        face.textContent = tool.glyph;
      }
      var name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = tool.label;
      button.appendChild(face);
      button.appendChild(name);
    }
    var title = tool.label || tool.text;
    button.title = tool.keys ? title + " (" + tool.keys + ")" : title;
    if (tool.keys) {
      button.setAttribute("aria-keyshortcuts", tool.keys.replace(/Ctrl/g, "Control"));
    }
    if (tool.toggle !== false && !tool.inTable) {
      button.setAttribute("aria-pressed", "false");
    }
    return button;
  }

  function mount(area, index) {
    var label = document.querySelector('label[for="' + area.id + '"]');
    var help = document.getElementById(area.id + "_helptext") || document.getElementById("hint_" + area.id);
    var wrapper = document.createElement("div");
    wrapper.className = "rich-editor";
    if (area.classList.contains("is-invalid")) {
      wrapper.classList.add("rich-editor--invalid");
    }
    var toolbar = document.createElement("div");
    toolbar.className = "rich-editor-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", (label ? label.textContent.trim() + ": " : "") + L.toolbar);
    var surface = document.createElement("div");
    surface.className = "rich-editor-surface";
    surface.id = area.id + "-editor";
    toolbar.setAttribute("aria-controls", surface.id);

    var linkPanel = buildLinkPanel(area.id);
    wrapper.appendChild(toolbar);
    wrapper.appendChild(linkPanel.element);
    wrapper.appendChild(surface);
    area.parentNode.insertBefore(wrapper, area);
    area.hidden = true;
    if (label) {
      if (!label.id) { label.id = area.id + "-label"; }
    }

    var attributes = {
      class: "rich-editor-content",
      role: "textbox",
      "aria-multiline": "true",
      spellcheck: "true"
    };
    if (label) { attributes["aria-labelledby"] = label.id; }
    if (help) { attributes["aria-describedby"] = help.id + " rich-editor-keys"; } else { attributes["aria-describedby"] = "rich-editor-keys"; }

    var editor = new T.Editor({
      element: surface,
      injectCSS: false,
      content: area.value,
      extensions: [
        T.StarterKit.configure({
          heading: { levels: [2, 3, 4] },
          code: false,
          codeBlock: false,
          horizontalRule: false,
          strike: false,
          link: {
            openOnClick: false,
            autolink: true,
            defaultProtocol: "https",
            protocols: ["mailto"],
            HTMLAttributes: { rel: "noopener noreferrer", target: null, class: null }
          }
        }),
        PlainTable, T.TableRow, PlainHeader, PlainCell
      ],
      editorProps: {
        attributes: attributes,
        transformPastedHTML: cleanPastedHtml,
        handleKeyDown: function (view, event) {
          if ((event.key === "F10" && event.altKey) || event.key === "Escape") {
            event.preventDefault();
            focusToolbar();
            return true;
          }
          if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === "k") {
            event.preventDefault();
            linkPanel.open(editor);
            return true;
          }
          return false;
        }
      },
      onUpdate: function () {
        // Empty paragraphs left at the end (the last Enter) are not part of the minutes.
        area.value = editor.isEmpty ? "" : editor.getHTML().replace(/(<p><\/p>)+$/, "");
      },
      onTransaction: function () { refresh(); },
      onFocus: function () { wrapper.classList.add("rich-editor--focused"); },
      onBlur: function () { wrapper.classList.remove("rich-editor--focused"); }
    });

    if (label) {
      // The label pointed at the textarea, now hidden: clicking it puts the caret in the editor instead.
      label.addEventListener("click", function (event) {
        event.preventDefault();
        editor.commands.focus();
      });
    }

    var tools = toolDefinitions(editor, function () { linkPanel.open(editor); });
    var buttons = [];
    var tableGroup = null;
    var groups = {};
    tools.forEach(function (tool) {
      if (!groups[tool.group]) {
        var group = document.createElement("div");
        group.className = "rich-editor-group rich-editor-group--" + tool.group;
        if (tool.group === "table") {
          group.setAttribute("role", "group");
          group.setAttribute("aria-label", L.tableTools);
          tableGroup = group;
        }
        groups[tool.group] = group;
        toolbar.appendChild(group);
      }
      var button = buildButton(tool);
      button.addEventListener("click", function () {
        tool.run();
        refresh();
      });
      // Keep the editor's selection when a button is pressed with the mouse.
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      groups[tool.group].appendChild(button);
      buttons.push({ tool: tool, button: button });
    });
    var current = 0;
    buttons[0].button.tabIndex = 0;

    function visibleButtons() {
      return buttons.filter(function (b) { return !b.button.closest("[hidden]"); });
    }

    function focusToolbar() {
      var visible = visibleButtons();
      var target = visible.indexOf(buttons[current]) >= 0 ? buttons[current] : visible[0];
      target.button.focus();
    }

    function setCurrent(entry) {
      buttons.forEach(function (b) { b.button.tabIndex = -1; });
      entry.button.tabIndex = 0;
      current = buttons.indexOf(entry);
      entry.button.focus();
    }

    toolbar.addEventListener("keydown", function (event) {
      var visible = visibleButtons();
      var position = visible.findIndex(function (b) { return b.button === document.activeElement; });
      if (position < 0) { return; }
      var next = null;
      if (event.key === "ArrowRight") { next = visible[(position + 1) % visible.length]; }
      else if (event.key === "ArrowLeft") { next = visible[(position - 1 + visible.length) % visible.length]; }
      else if (event.key === "Home") { next = visible[0]; }
      else if (event.key === "End") { next = visible[visible.length - 1]; }
      else if (event.key === "Escape") { event.preventDefault(); editor.commands.focus(); return; }
      if (next) {
        event.preventDefault();
        setCurrent(next);
      }
    });

    function refresh() {
      var inTable = editor.isActive("table");
      if (tableGroup) { tableGroup.hidden = !inTable; }
      buttons.forEach(function (entry) {
        var tool = entry.tool;
        if (entry.button.hasAttribute("aria-pressed")) {
          entry.button.setAttribute("aria-pressed", tool.active && tool.active() ? "true" : "false");
        }
        var enabled = tool.enabled ? tool.enabled() : true;
        // aria-disabled rather than disabled: the button stays in the toolbar's arrow-key order.
        entry.button.setAttribute("aria-disabled", enabled ? "false" : "true");
        entry.button.classList.toggle("is-active", Boolean(tool.active && tool.active()));
      });
      // A focused button that just disappeared (the table tools) hands its tab stop back.
      if (!visibleButtons().some(function (b) { return b.button.tabIndex === 0; })) {
        buttons.forEach(function (b) { b.button.tabIndex = -1; });
        buttons[0].button.tabIndex = 0;
        current = 0;
      }
    }
    buttons.forEach(function (entry) {
      entry.button.addEventListener("click", function (event) {
        if (entry.button.getAttribute("aria-disabled") === "true") { event.stopImmediatePropagation(); }
      }, true);
    });
    refresh();
    area.richEditor = editor;
    return editor;
  }

  // --- The link panel: an inline form, not window.prompt, so it is labelled, translated and keyboard-friendly. --

  function buildLinkPanel(idPrefix) {
    var panel = document.createElement("div");
    panel.className = "rich-editor-link-panel";
    panel.hidden = true;
    var inputId = idPrefix + "-link-url";
    var label = document.createElement("label");
    label.className = "form-label";
    label.htmlFor = inputId;
    label.textContent = L.linkAddress;
    var input = document.createElement("input");
    input.type = "url";
    input.id = inputId;
    input.className = "form-control form-control-sm";
    input.placeholder = "https://";
    input.autocomplete = "url";
    var error = document.createElement("p");
    error.className = "rich-editor-link-error";
    error.id = inputId + "-error";
    error.hidden = true;
    error.textContent = L.linkInvalid;
    var actions = document.createElement("div");
    actions.className = "rich-editor-link-actions";
    function action(text, className) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm " + className;
      button.textContent = text;
      actions.appendChild(button);
      return button;
    }
    var apply = action(L.linkApply, "btn-primary");
    var remove = action(L.linkRemove, "btn-outline-secondary");
    var cancel = action(L.linkCancel, "btn-outline-secondary");
    panel.appendChild(label);
    panel.appendChild(input);
    panel.appendChild(error);
    panel.appendChild(actions);
    var editor = null;

    function close() {
      panel.hidden = true;
      error.hidden = true;
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
      if (editor) { editor.commands.focus(); }
    }
    function submit() {
      var href = input.value.trim();
      if (href && !/^(https?:\/\/|mailto:)/i.test(href)) {
        href = /@/.test(href) && !/\//.test(href) ? "mailto:" + href : "https://" + href;
      }
      if (!href || !/^(https?:\/\/[^\s.]+\.[^\s]+|mailto:[^\s@]+@[^\s@]+)$/i.test(href)) {
        error.hidden = false;
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", error.id);
        input.focus();
        return;
      }
      var chain = editor.chain().focus().extendMarkRange("link");
      if (editor.state.selection.empty && !editor.isActive("link")) {
        // No text selected: the address itself becomes the link's text.
        chain.insertContent({ type: "text", text: href.replace(/^mailto:/i, ""), marks: [{ type: "link", attrs: { href: href } }] }).run();
      } else {
        chain.setLink({ href: href }).run();
      }
      close();
    }
    apply.addEventListener("click", submit);
    remove.addEventListener("click", function () {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
      close();
    });
    cancel.addEventListener("click", close);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target === input) { event.preventDefault(); submit(); }
      if (event.key === "Escape") { event.preventDefault(); close(); }
    });
    return {
      element: panel,
      open: function (ed) {
        editor = ed;
        input.value = editor.getAttributes("link").href || "";
        remove.hidden = !editor.isActive("link");
        panel.hidden = false;
        input.focus();
      }
    };
  }

  var editors = document.querySelectorAll("textarea[data-rich-text]");
  editors.forEach(mount);
  var keys = document.getElementById("rich-editor-keys");
  if (keys && editors.length) {
    keys.hidden = false;
  }
})();
