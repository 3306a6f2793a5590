"""Country mapping reports and the regional comparison (DESIGN §6).

`aggregates` and `regional` compute every table in the database (a fixed number of
grouped queries, whatever the number of entities); `charts` draws them as SVG;
`render` writes the HTML, PDF and XLSX files; `jobs` runs one compile as a Celery job
whose files appear only once all three are complete.
"""
