"""Country mapping reports and the regional comparison (DESIGN §6).

What a report table is: `dimensions` (what the counts are grouped by), `measures`
(what is counted, each defined once) and the table specs of `landscape`, `people` and
`principles`, run by the one engine of `spec` over the `context` of one compile.
`country` lists a country report's tables and sections, `regional` the comparison's;
`findings` and `listings` hold the bespoke tables and lists. `charts` draws the
tables as SVG; `render` writes the HTML, PDF and XLSX files; `jobs` runs one compile
as a Celery job whose files appear only once all three are complete.
"""
