// Search page: Pagefind's interface, started with the query of the address (?q=…).
(function () {
  var query = new URLSearchParams(window.location.search).get("q") || "";
  var ui = new PagefindUI({
    element: "#biblio-pagefind",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: !query,
    // Long pages (sections, glossary terms) are what coordinators look for: do not let the
    // page-length normalisation push them behind short reference pages. The title match
    // boost is off: titles are already weighted in the pages (term and section titles 10,
    // reference titles 5), and the boost let any reference naming « CPTS » in its title
    // outrank the CPTS glossary page.
    ranking: { pageLength: 0.2, metaWeights: { title: 0 } },
  });
  if (query) {
    ui.triggerSearch(query);
  }
})();
