"""`errcode mcp`: the Model Context Protocol face, for AI assistants (Claude, Copilot, Cursor).

Like every face it only translates: questions go to the core's `Catalog.query` / `Catalog.search`
and `catalog.analyze.analyze`; entries are rendered with `catalog.render`, findings with the
text format of `errcode check`.  Built on the official `mcp` SDK (`pip install 'ohos-errcode[mcp]'`).
"""
