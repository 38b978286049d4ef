// Search, over Pagefind's JavaScript API (served by the site itself, loaded at first use):
// - the header's box, on every page: results as one types, « / » or Ctrl+K to reach it,
//   arrows, Enter and Escape (the ARIA combobox pattern);
// - the results page /recherche/?q=…&type=…: every result, with its kind, and facets with
//   counts; the query and the filters live in the address (shareable, back button works).
(function () {
  "use strict";

  var FACETS = [
    ["type", "Type de document"],
    ["annee", "Année"],
    ["territoire", "Territoire"],
    ["section", "Section"],
    ["terme", "Terme du glossaire"],
  ];
  // Long pages (sections, glossary terms) are what coordinators look for: the page-length
  // normalisation must not push them behind short reference pages. No title boost: titles
  // are weighted in the pages (terms and sections 10, references 5). Term frequency counts
  // half: a commentary repeating « santé mentale » must not outrank the CLSM section.
  var RANKING = { pageLength: 0.2, termFrequency: 0.5, metaWeights: { title: 0 } };
  var IN_HEADER = 5;
  var PAGE_SIZE = 10;
  var PAUSE = 200; // ms without a key before searching
  var engine = null;

  function load(holder) {
    if (!engine) {
      var root = new URL(holder.dataset.racine.replace(/\/?$/, "/"), document.baseURI);
      engine = import(new URL(holder.dataset.pagefind, document.baseURI).href).then(
        function (pagefind) {
          // No worker: one file less to fetch (12 KB) for a search that takes milliseconds.
          var settings = { baseUrl: root.pathname, ranking: RANKING, excerptLength: 22 };
          return pagefind.options(Object.assign({ noWorker: true }, settings)).then(function () {
            return pagefind;
          });
        }
      );
    }
    return engine;
  }

  function words(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  }

  function common(a, b) {
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
  }

  // Pagefind answers a word it does not know with the longest indexed word that begins it:
  // « ophtalmologie » found the letter « o » of a command line, « zzzz » the « Z » of « de A
  // à Z ». That word is the same for every result, so the best one tells: it stands only if
  // each word of the query begins one of its words or shares most of its beginning with one
  // (« evaluations » and « Évaluation », « hopitaux » and « hôpital »).
  function answers(query, data) {
    var found = words(data.meta.title + " " + data.content);
    return words(query).every(function (term) {
      var needed = Math.min(term.length, Math.max(3, Math.ceil(term.length * 0.6)));
      return found.some(function (word) {
        return common(word, term) >= needed;
      });
    });
  }

  function firstResults(search, query, count) {
    return Promise.all(
      search.results.slice(0, count).map(function (r) {
        return r.data();
      })
    ).then(function (data) {
      return data.length && answers(query, data[0]) ? data : [];
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // An excerpt is escaped text with <mark> around the words found: rebuilt as nodes, so
  // that no record text ever becomes markup.
  function excerpt(html, className) {
    var node = element("span", className);
    var decoder = document.createElement("textarea");
    html.split(/(<\/?mark>)/).reduce(function (inside, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      decoder.innerHTML = part; // a textarea's content is text: entities decoded, no tags
      var text = decoder.value;
      node.appendChild(inside ? element("mark", "", text) : document.createTextNode(text));
      return inside;
    }, false);
    return node;
  }

  function kind(data) {
    return data.meta.genre || "Page";
  }

  function noResult(status, query, glossary) {
    status.textContent = "Aucun résultat pour «\u00a0" + query + "\u00a0». Vérifiez l’orthographe, essayez un sigle (CPTS, CLS…) ou un mot plus court, ou parcourez ";
    var link = element("a", "", "le glossaire");
    link.href = glossary;
    status.appendChild(link);
    status.appendChild(document.createTextNode("."));
  }

  function counted(n) {
    return n + (n > 1 ? " résultats" : " résultat");
  }

  // ---- The header's box ------------------------------------------------------------------

  function headerBox(form) {
    var input = form.querySelector("input");
    var panel = form.querySelector(".biblio-recherche__panneau");
    var status = form.querySelector(".biblio-recherche__etat");
    var list = form.querySelector("[role=listbox]");
    var all = form.querySelector(".biblio-recherche__tout");
    var bar = document.querySelector(".md-header__inner");
    var active = -1;
    var waiting = null;
    if (bar) {
      bar.appendChild(form);
      form.classList.add("biblio-recherche--entete");
    }

    function open(shown) {
      panel.hidden = !shown;
      input.setAttribute("aria-expanded", shown && list.children.length ? "true" : "false");
      form.classList.toggle("biblio-recherche--ouverte", shown);
      if (!shown) select(-1);
    }

    function select(index) {
      var options = list.children;
      active = index;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function option(data, index) {
      var item = element("li", "biblio-recherche__option");
      item.id = "biblio-q-option-" + index;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.url = data.url;
      item.appendChild(element("span", "biblio-genre", kind(data)));
      item.appendChild(element("span", "biblio-recherche__titre", data.meta.title));
      item.appendChild(excerpt(data.excerpt, "biblio-recherche__extrait"));
      item.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the field
      });
      item.addEventListener("click", function () {
        window.location.href = data.url;
      });
      return item;
    }

    function show(query, search, data) {
      list.replaceChildren();
      all.href = form.action + "?q=" + encodeURIComponent(query);
      if (!data.length) {
        noResult(status, query, form.dataset.glossaire);
      } else {
        data.forEach(function (d, i) {
          list.appendChild(option(d, i));
        });
        status.textContent = counted(search.results.length) + " pour «\u00a0" + query + "\u00a0»";
      }
      open(true);
    }

    // Our own pause rather than Pagefind's debouncedSearch, which fetches the index of every
    // prefix typed (« c », « cp », « cpt »: 60 KB each on 10,000 references); and nothing
    // before two characters, whose index would be most of the site's.
    function run() {
      var query = input.value.trim();
      window.clearTimeout(waiting);
      if (query.length < 2) {
        list.replaceChildren();
        open(false);
        return;
      }
      waiting = window.setTimeout(function () {
        load(form)
          .then(function (pagefind) {
            return input.value.trim() === query ? pagefind.search(query) : null;
          })
          .then(function (search) {
            if (search === null || input.value.trim() !== query) return null; // overtaken
            return firstResults(search, query, IN_HEADER).then(function (data) {
              if (input.value.trim() === query) show(query, search, data);
            });
          });
      }, PAUSE);
    }

    input.addEventListener("focus", function () {
      load(form).then(function (pagefind) {
        pagefind.init(); // the language's index entry, before the first key
      });
      if (input.value.trim() && list.children.length) open(true);
    });
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (event) {
      var count = list.children.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) return;
        event.preventDefault();
        open(true);
        var step = event.key === "ArrowDown" ? 1 : -1;
        select((active + step + count + (active < 0 && step < 0 ? 1 : 0)) % count);
      } else if (event.key === "Enter" && active >= 0 && !panel.hidden) {
        event.preventDefault();
        window.location.href = list.children[active].dataset.url;
      } else if (event.key === "Escape") {
        if (!panel.hidden) {
          event.preventDefault();
          open(false);
        } else if (input.value) {
          input.value = "";
        } else {
          input.blur();
        }
      }
    });
    form.addEventListener("focusout", function (event) {
      if (!form.contains(event.relatedTarget)) open(false);
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing =
        target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName || "");
      var slash = event.key === "/" && !typing && !event.ctrlKey && !event.metaKey;
      var ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k";
      if (slash || ctrlK) {
        event.preventDefault();
        input.focus();
        input.select();
      }
    });
  }

  // ---- The results page ------------------------------------------------------------------

  function resultsPage(box) {
    var form = document.querySelector(".biblio-resultats__formulaire");
    var input = form.querySelector("input");
    var status = box.querySelector(".biblio-resultats__etat");
    var list = box.querySelector(".biblio-resultats__liste");
    var more = box.querySelector(".biblio-resultats__plus");
    var panel = box.querySelector(".biblio-resultats__filtres");
    var facets = box.querySelector(".biblio-resultats__facettes");
    var state = fromAddress();
    var runs = 0;
    var typing = null;

    function fromAddress() {
      var params = new URLSearchParams(window.location.search);
      var chosen = {};
      FACETS.forEach(function (facet) {
        var values = params.getAll(facet[0]);
        if (values.length) chosen[facet[0]] = values;
      });
      return { query: (params.get("q") || "").trim(), chosen: chosen };
    }

    function address() {
      var params = new URLSearchParams();
      if (state.query) params.set("q", state.query);
      FACETS.forEach(function (facet) {
        (state.chosen[facet[0]] || []).forEach(function (v) {
          params.append(facet[0], v);
        });
      });
      var text = params.toString();
      return window.location.pathname + (text ? "?" + text : "");
    }

    function facetsWanted() {
      return panel.open || Object.keys(state.chosen).length > 0;
    }

    function filters() {
      var result = {};
      Object.keys(state.chosen).forEach(function (key) {
        result[key] = { any: state.chosen[key] };
      });
      return result;
    }

    function result(data) {
      var item = element("li", "pagefind-ui__result biblio-resultat");
      var inner = element("div", "pagefind-ui__result-inner");
      inner.appendChild(element("p", "biblio-genre", kind(data)));
      var title = element("p", "pagefind-ui__result-title");
      var link = element("a", "", data.meta.title);
      link.href = data.url;
      title.appendChild(link);
      inner.appendChild(title);
      inner.appendChild(excerpt(data.excerpt, "pagefind-ui__result-excerpt"));
      // Parts of the page where the words are, but not the page's own title again.
      var parts = (data.sub_results || []).filter(function (s) {
        // A title told apart from a namesake (« … — article ») starts with its heading.
        // (the heading may end with Légifrance's note call « (1) », which the title leaves out)
        var heading = s.title.replace(/\s*\(\d\)$/, "");
        var own = s.title === data.meta.title || data.meta.title.indexOf(heading + " — ") === 0;
        return s.url.indexOf("#") > 0 && !own;
      });
      if (parts.length) {
        var sub = element("ul", "biblio-resultat__parties");
        parts.slice(0, 3).forEach(function (s) {
          var entry = element("li");
          var a = element("a", "", s.title);
          a.href = s.url;
          entry.appendChild(a);
          entry.appendChild(document.createTextNode(" — "));
          entry.appendChild(excerpt(s.excerpt, ""));
          sub.appendChild(entry);
        });
        inner.appendChild(sub);
      }
      item.appendChild(inner);
      return item;
    }

    function facetGroup(key, label, counts) {
      var chosen = state.chosen[key] || [];
      var values = Object.keys(counts).filter(function (v) {
        return counts[v] > 0 || chosen.indexOf(v) >= 0;
      });
      if (!values.length) return null;
      values.sort(function (a, b) {
        if (key === "annee") return b.localeCompare(a);
        if (key === "section") return a.localeCompare(b, "fr", { numeric: true });
        return counts[b] - counts[a] || a.localeCompare(b, "fr");
      });
      var group = element("fieldset", "biblio-facette");
      group.appendChild(element("legend", "", label));
      var items = element("ul");
      values.forEach(function (value, i) {
        var entry = element("li");
        var box = element("input");
        box.type = "checkbox";
        box.id = "facette-" + key + "-" + i;
        box.checked = chosen.indexOf(value) >= 0;
        box.addEventListener("change", function () {
          var now = (state.chosen[key] || []).filter(function (v) {
            return v !== value;
          });
          if (box.checked) now.push(value);
          if (now.length) state.chosen[key] = now;
          else delete state.chosen[key];
          window.history.pushState(null, "", address());
          run();
        });
        var name = element("label", "", value + " ");
        name.htmlFor = box.id;
        name.appendChild(element("span", "biblio-facette__nombre", "(" + (counts[value] || 0) + ")"));
        entry.appendChild(box);
        entry.appendChild(name);
        items.appendChild(entry);
      });
      group.appendChild(items);
      return group;
    }

    // A chosen facet keeps showing its other values (one may add « Rapport » to « Loi »):
    // their counts are those of the query alone.
    function facetCounts(search) {
      var counts = {};
      FACETS.forEach(function (facet) {
        var key = facet[0];
        var source = state.chosen[key] ? search.totalFilters : search.filters;
        counts[key] = (source && source[key]) || {};
      });
      return counts;
    }

    function showFacets(counts) {
      var focused = document.activeElement && document.activeElement.id;
      facets.replaceChildren();
      FACETS.forEach(function (facet) {
        var group = facetGroup(facet[0], facet[1], counts[facet[0]] || {});
        if (group) facets.appendChild(group);
      });
      if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
    }

    function showPage(search, data, from) {
      data.forEach(function (d) {
        list.appendChild(result(d));
      });
      var shown = from + data.length;
      more.hidden = shown >= search.results.length;
      more.onclick = function () {
        var next = search.results.slice(shown, shown + PAGE_SIZE);
        Promise.all(next.map(function (r) { return r.data(); })).then(function (rest) {
          showPage(search, rest, shown);
        });
      };
    }

    function run() {
      var run = ++runs;
      var hasFilters = Object.keys(state.chosen).length > 0;
      list.replaceChildren();
      more.hidden = true;
      if (!state.query && !hasFilters) {
        status.textContent = "";
        panel.hidden = true;
        return;
      }
      load(box)
        .then(function (pagefind) {
          // The facets' index (130 KB on 10,000 references) is fetched when the reader opens
          // them or the address chooses some, not for every search.
          var ready = facetsWanted() ? pagefind.filters() : Promise.resolve();
          return ready.then(function () {
            return pagefind.search(state.query || null, { filters: filters() });
          });
        })
        .then(function (search) {
          if (run !== runs) return null;
          var check = state.query ? firstResults(search, state.query, PAGE_SIZE) : Promise.all(
            search.results.slice(0, PAGE_SIZE).map(function (r) { return r.data(); })
          );
          return check.then(function (data) {
            if (run !== runs) return;
            panel.hidden = !data.length;
            showFacets(data.length && facetsWanted() ? facetCounts(search) : {});
            if (!data.length) {
              noResult(status, state.query, box.dataset.glossaire);
              return;
            }
            var what = state.query ? " pour «\u00a0" + state.query + "\u00a0»" : "";
            status.textContent = counted(search.results.length) + what;
            showPage(search, data, 0);
          });
        });
    }

    input.value = state.query;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(typing);
      state.query = input.value.trim();
      window.history.pushState(null, "", address());
      run();
    });
    // As one types: the address follows without a history entry per key.
    input.addEventListener("input", function () {
      window.clearTimeout(typing);
      typing = window.setTimeout(function () {
        state.query = input.value.trim();
        window.history.replaceState(null, "", address());
        run();
      }, 250);
    });
    window.addEventListener("popstate", function () {
      state = fromAddress();
      input.value = state.query;
      run();
    });
    panel.open = Object.keys(state.chosen).length > 0;
    panel.addEventListener("toggle", function () {
      if (panel.open && !facets.children.length) run();
    });
    if (!state.query) input.focus();
    run();
  }

  function start() {
    var form = document.querySelector("form.biblio-recherche");
    if (form) headerBox(form);
    var box = document.querySelector(".biblio-resultats");
    if (box) resultsPage(box);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
