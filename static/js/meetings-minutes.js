/* Formatting buttons for the minutes editor: they wrap the selected text in the HTML tags the server keeps
   (meetings.services.sanitize_rich_text). Without JavaScript the textarea still takes the same HTML. */
(function () {
  "use strict";
  var TOOLS = [
    ["paragraph", "p"], ["bold", "strong"], ["italic", "em"], ["heading", "h3"], ["list", "ul"], ["link", "a"]
  ];

  function wrap(area, tag) {
    var start = area.selectionStart, end = area.selectionEnd;
    var text = area.value.slice(start, end);
    var html;
    if (tag === "ul") {
      var items = (text || "").split(/\n+/).map(function (line) { return "<li>" + line + "</li>"; });
      html = "<ul>\n" + items.join("\n") + "\n</ul>";
    } else if (tag === "a") {
      var href = window.prompt(area.dataset.labelLinkPrompt || "URL", "https://");
      if (!href) { return; }
      html = '<a href="' + href.replace(/"/g, "&quot;") + '">' + (text || href) + "</a>";
    } else {
      html = "<" + tag + ">" + text + "</" + tag + ">";
    }
    area.setRangeText(html, start, end, "end");
    area.focus();
  }

  document.querySelectorAll("textarea[data-meetings-rich]").forEach(function (area) {
    var bar = document.createElement("div");
    bar.className = "btn-group btn-group-sm mb-1 flex-wrap";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", area.dataset.labelToolbar || "Formatting");
    TOOLS.forEach(function (tool) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-secondary";
      button.textContent = area.dataset["label" + tool[0].charAt(0).toUpperCase() + tool[0].slice(1)] || tool[1];
      button.addEventListener("click", function () { wrap(area, tool[1]); });
      bar.appendChild(button);
    });
    area.parentNode.insertBefore(bar, area);
  });
})();
