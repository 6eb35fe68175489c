"""The `errcode` command."""
