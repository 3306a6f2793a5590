"""REST API v1 (/api/v1/): the same scoping, messages and workflow as the pages."""
