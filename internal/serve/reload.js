// Live reload for riskguide serve. Only the preview server adds this script
// to pages; a built site never loads it.
//
// The page reloads after every good rebuild. While the content is broken, the
// problems are shown over the page (which stays the last good build) until a
// rebuild succeeds and the reload takes the overlay away.
(function () {
  "use strict";

  // The id of the build this page came from, filled in by the server.
  var build = "__RISKGUIDE_BUILD__";

  var script = document.currentScript;
  var base = script && script.src ? script.src : location.origin + "/_riskguide/reload.js";
  if (!window.EventSource) {
    return;
  }

  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("reload.css", base).href;
  document.head.appendChild(css);

  // The page says which it is, so that serve renders the open pages
  // first after an edit (serve sends no Referer).
  var events = new EventSource(new URL("events?page=" + encodeURIComponent(location.pathname), base).href);

  events.addEventListener("hello", function (e) {
    // A rebuild may have finished between loading this page and connecting,
    // or serve may have been restarted: either way the page is out of date.
    if (JSON.parse(e.data).build !== build) {
      location.reload();
    }
  });
  events.addEventListener("reload", function () {
    location.reload();
  });
  events.addEventListener("error", function (e) {
    // An event named "error" and a dropped connection share a name; only the
    // server's has data.
    if (typeof e.data === "string") {
      show(JSON.parse(e.data).problems || []);
    }
  });

  var overlay = null;

  function show(problems) {
    if (!overlay) {
      overlay = document.createElement("section");
      overlay.id = "riskguide-problems";
      overlay.setAttribute("role", "alert");
      overlay.setAttribute("aria-labelledby", "riskguide-problems-title");
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    overlay.hidden = false;

    var title = document.createElement("h2");
    title.id = "riskguide-problems-title";
    title.textContent = problems.length === 1
      ? "The last change has a problem"
      : "The last change has " + problems.length + " problems";
    overlay.appendChild(title);

    var note = document.createElement("p");
    note.textContent = "The page shows the last good build. Fix the files and it reloads by itself.";
    overlay.appendChild(note);

    var list = document.createElement("ul");
    problems.forEach(function (p) {
      var item = document.createElement("li");
      if (p.pos) {
        var pos = document.createElement("code");
        pos.textContent = p.pos;
        item.appendChild(pos);
        item.appendChild(document.createTextNode(": "));
      }
      item.appendChild(document.createTextNode(p.message));
      list.appendChild(item);
    });
    overlay.appendChild(list);

    var hide = document.createElement("button");
    hide.type = "button";
    hide.textContent = "Hide";
    hide.addEventListener("click", function () {
      overlay.hidden = true;
    });
    overlay.appendChild(hide);
  }
})();
