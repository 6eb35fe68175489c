"""Options every subcommand shares (`--docs`, `--lang`), and building the catalog from them.

Faces with their own entry point (`errcode lsp`, `errcode slack`, `errcode check`) call
`add_catalog_options(parser)` and `catalog_from_args(args)` so that the settings work the
same everywhere: command line, then environment (`ERRCODE_DOCS`, os.pathsep-separated;
`ERRCODE_LANG`), then the config file (`$XDG_CONFIG_HOME/ohos-errcode/config.toml`).
"""

from __future__ import annotations

import argparse

from ..catalog import Catalog


def add_catalog_options(parser: argparse.ArgumentParser) -> None:
    raise NotImplementedError


def catalog_from_args(args: argparse.Namespace) -> Catalog:
    raise NotImplementedError
