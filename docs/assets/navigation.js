// Pages outside the navigation (a section, a reference, a term, a listing) light up the tab
// they belong to, as the pages in the navigation do.
(function () {
  var tabs = document.querySelectorAll(".md-tabs__item");
  if (!tabs.length || document.querySelector(".md-tabs__item--active")) {
    return;
  }
  var config = document.getElementById("__config");
  var base = new URL((config ? JSON.parse(config.textContent).base : ".") + "/", location.href);
  var path = location.pathname.slice(base.pathname.length);
  var owners = [
    ["glossaire/", "glossaire/"],
    ["sections/sites-ressource/", "sections/sites-ressource/"],
    ["sections/", "bibliographie/"],
    ["references/", "bibliographie/"],
    ["imprimer/", "bibliographie/"],
    ["parcourir/", "parcourir/"],
    ["connaissances/", "connaissances/"],
  ];
  var owner = owners.find(function (pair) { return path.startsWith(pair[0]); });
  if (!owner) {
    return;
  }
  tabs.forEach(function (tab) {
    var link = tab.querySelector("a");
    if (link && new URL(link.href).pathname === base.pathname + owner[1]) {
      tab.classList.add("md-tabs__item--active");
    }
  });
})();
