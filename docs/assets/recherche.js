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
    // Term frequency counts half: a reference repeating « santé mentale » in its commentary
    // must not outrank the CLSM section, whose title and introduction say what it is about.
    ranking: { pageLength: 0.2, termFrequency: 0.5, metaWeights: { title: 0 } },
  });
  // Pagefind's field is labelled by its title only: give it a real accessible name.
  var field = document.querySelector("#biblio-pagefind input");
  if (field) {
    field.setAttribute("aria-label", "Rechercher dans la base");
  }
  if (query) {
    ui.triggerSearch(query);
  }
})();
