"""ohos-errcode: explains OpenHarmony error codes wherever developers meet them."""

__version__ = "0.1.0"
