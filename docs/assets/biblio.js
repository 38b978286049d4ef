// « Copier le lien » buttons: copy the address of the page, without any #anchor or ?query.
document.addEventListener("click", function (event) {
  var button = event.target.closest(".biblio-copier-lien");
  if (!button) {
    return;
  }
  event.preventDefault();
  // The public address when the site knows it (site_url: the page's canonical link), so that
  // a link copied from a preview still works in a trainer's slides.
  var canonical = document.querySelector('link[rel="canonical"]');
  var address = canonical ? canonical.href : window.location.origin + window.location.pathname;
  var done = function () {
    button.textContent = "Lien copié : " + address;
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(address).then(done, function () {
      window.prompt("Copiez ce lien :", address);
    });
  } else {
    window.prompt("Copiez ce lien :", address);
  }
});
