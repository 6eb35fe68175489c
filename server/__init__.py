"""The language server face: `errcode lsp` (pygls 2).  `create_server()` builds a server with
every feature registered; `python -m ohos_errcode.server` runs it over stdio or `--tcp`."""


def create_server(**kwargs):
    from .app import create_server as _create

    return _create(**kwargs)


__all__ = ["create_server"]
