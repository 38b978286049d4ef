"""Knowledge base of the territorial health bibliography: records, checks, citations, site.

How a record becomes a page (each step pure unless marked as an edge)::

    files ──load──▶ raw records ──validate──▶ model (Corpus) ──render──▶ site files ──▶ builder
                         │                        │                         │
                    diagnostics              convert (exchange         publish.site_files
                 fichier:ligne:colonne         formats)            (pages, redirects, urls.txt,
                                                                      the address promise)

Data, declared once
    ``schema`` (vocabularies, codes, document types) and ``schema_fields`` (each field: kind,
    label, example, its name in BibLaTeX, RIS and CSL-JSON, its place on the reference page,
    the diagnostic of a link field), ``type_names`` (every BibLaTeX, RIS and CSL type → ours),
    ``model`` (frozen records; a field declared only in the schema is added to them),
    ``diagnostics``. Formats, checks, pages and the JSON dump read the fields from the schema:
    adding one is a schema-only change (README, « Ajouter un champ »).
Reading: ``load/``
    ``files`` finds and decodes record files (encoding, NUL bytes, symbolic link loops),
    ``yaml_tree`` parses YAML safely (no anchors or aliases, bounded nesting, positions found
    when a message needs them), ``donnees`` checks the ``donnees/`` shapes, ``cache`` keeps
    per-file results.
Checking: ``validate/``
    ``record`` (one record against the schema; drafts) with ``values`` (one checker per kind
    of field), ``annotated`` (what a numbered reference owes its readers), ``texts`` and
    ``markdown`` (citations, footnotes),
    ``corpus`` and ``drafts`` (across records), ``identifiers``, ``perfile`` (one file, on two
    processes for large batches), ``runner`` (the whole base: ``load_base``). ``ids`` holds
    the one id check every id passes before it names a file.
Dates and citations
    ``dates/`` (EDTF level 1: checks, French wording, each format's form), ``cite`` (the house
    style), ``csl_styles`` (ISO 690, APA, Vancouver through pandoc's citeproc).
Exchange formats: ``convert/``
    ``formats`` (the registry: name, label, suffixes, media type, parse, dump — used by the
    command line, the importer and the downloads), one module per format (``bibtex``,
    ``ris``/``ris_write``, ``csljson``, ``yaml_record``, ``base_json``), ``normalise`` (DOI,
    ISBN lists, entities, control characters) — readers never raise, writers escape what
    their format cannot carry. ``importing`` plans an import
    entry by entry (created, draft, duplicate, refused).
Rendering: ``render/``
    Pure, deterministic Markdown for every page (``pages.generated_pages``); untrusted text
    is escaped there (``text``) and every page's HTML passes the allowlist of ``safe_html``
    (nh3), applied by ``markdown_ext`` in any Python-Markdown builder, with the glossary
    tooltips and French ``typography``. ``metadata`` (Zotero's tags, COinS), ``print_edition``,
    ``search_meta`` (Pagefind kinds and facets), ``robust_links``.
Guarantees owned by the core, whatever builds the site
    ``publish`` (the files of the site and the promise of ``urls-stables.txt``; with them the
    editor at ``/admin/`` from ``editor``: its configuration, ``render.editor_config``, is
    generated from the schema), ``output``
    and ``staging`` (a lock on the tree, staged writes committed by rename, paths kept under
    their destination, sites swapped in whole), ``urls`` (redirections).
Edges (thin)
    ``cli`` and ``commands/`` (French subcommands, argparse's own texts in French by
    ``argparse_fr``; ``biblio adresses`` checks any built site),
    ``mkdocs_plugin`` (registers the core's files, watches the records, ``make serve``'s
    ``preview`` banner), ``editor_serve`` (``make editer``: the preview and decap-server, which
    ``editor_guard.js`` keeps to requests addressed to 127.0.0.1),
    ``zensical_build`` (``make build-zensical``), ``print_pdf`` (the PDF
    edition), ``links/`` (``biblio liens``: HTTP checks, archives).
"""

__version__ = "0.1.0"
