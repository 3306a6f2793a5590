"""The four export formats (CSV, XLSX, GeoJSON, JSON-LD), each written straight to a
file, a chunk at a time: one module per format, and the context they all read."""
