"""`sarif`: SARIF 2.1.0 with rules (and their help), results with fixes and fingerprints, and the
files that were skipped as tool execution notifications.  Columns: 1-based UTF-16 code units.

The document is streamed: the run's head, each result (`json.dumps` of plain data), then the tail
(artifacts, invocations).  Artifact URIs are relative to %SRCROOT% (the repository root) and
percent-encode the bytes of the file name, so a name that is not UTF-8 keeps its bytes."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from ... import __version__
from ...catalog.analyze import RuleInfo
from ...catalog.model import Severity
from ..walk import Note
from .base import (
    INFO_URI,
    TOOL,
    Change,
    FileResult,
    Writer,
    dumps,
    fingerprints,
    fix_label,
    line_text,
    range_text,
    rules,
    sentence,
    span16,
)

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFORMATION: "note", Severity.HINT: "note"}


def artifact_location(rel: str) -> dict:
    """Relative to %SRCROOT% (the repository root); a file outside the repository gets an absolute file URI."""
    if rel.startswith("/"):
        return {"uri": Path(rel).as_uri()}
    return {"uri": quote(rel.encode("utf-8", "surrogateescape"), safe="/"), "uriBaseId": "%SRCROOT%"}


def sarif_rule(ri: RuleInfo) -> dict:
    plain = sentence(ri.help.replace("`", ""))
    return {
        "id": ri.id,
        "name": ri.name,
        "shortDescription": {"text": sentence(ri.short)},
        "fullDescription": {"text": plain},
        "help": {"text": plain, "markdown": f"{ri.help}\n\n[Documentation]({ri.help_uri})"},
        "helpUri": ri.help_uri,
        "defaultConfiguration": {"level": SARIF_LEVEL[ri.default_severity]},
    }


class SarifWriter(Writer):
    def begin(self) -> None:
        self.rules = rules()
        self.rule_index = {ri.id: i for i, ri in enumerate(self.rules)}
        self.artifacts: list[dict] = []
        self.art_index: dict[str, int] = {}
        driver = {
            "name": TOOL,
            "fullName": "errcode check (ohos-errcode)",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFO_URI,
            "rules": [sarif_rule(ri) for ri in self.rules],
        }
        root_uri = self.root.resolve().as_uri().rstrip("/") + "/"
        run_head = {
            "tool": {"driver": driver},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root_uri}},
            "columnKind": "utf16CodeUnits",
        }
        self.out.write(
            '{"$schema":' + dumps(SARIF_SCHEMA) + ',"version":"2.1.0","runs":[' + dumps(run_head)[:-1] + ',"results":['
        )
        self.sep = "\n"

    def _artifact(self, rel: str, language: str) -> int:
        if rel not in self.art_index:
            self.art_index[rel] = len(self.artifacts)
            self.artifacts.append(
                {"location": artifact_location(rel), "sourceLanguage": "cpp" if language == "c" else "typescript", "encoding": "utf-8"}
            )
        return self.art_index[rel]

    def add(self, result: FileResult) -> None:
        super().add(result)
        r = result
        if not r.findings:
            return
        ai = self._artifact(r.file.rel, r.file.language)
        for f, fp in zip(r.findings, fingerprints(r)):
            self.out.write(self.sep + dumps(self._result(r, f, fp, ai)))
            self.sep = ",\n"

    def _result(self, r: FileResult, f, fp: str, ai: int) -> dict:
        region = span16(r.lines, f.range)
        region["snippet"] = {"text": range_text(r.lines, f.range)}
        loc = artifact_location(r.file.rel) | {"index": ai}
        context = {
            "startLine": f.range.start.line + 1,
            "endLine": f.range.end.line + 1,
            "snippet": {"text": "\n".join(line_text(r.lines, n) for n in range(f.range.start.line, f.range.end.line + 1))},
        }
        res = {
            "ruleId": f.rule,
            "level": SARIF_LEVEL[f.severity],
            "message": {"text": sentence(f.message)},
            "locations": [{"physicalLocation": {"artifactLocation": loc, "region": region, "contextRegion": context}}],
            "partialFingerprints": {"errcodeFinding/v1": fp},
        }
        if f.rule in self.rule_index:  # (a rule missing from the table keeps just its ruleId)
            res["ruleIndex"] = self.rule_index[f.rule]
        if f.fixes:
            res["fixes"] = [
                {
                    "description": {"text": sentence(fix_label(x))},
                    "artifactChanges": [
                        {
                            "artifactLocation": dict(loc),
                            "replacements": [{"deletedRegion": span16(r.lines, x.range), "insertedContent": {"text": x.new_text}}],
                        }
                    ],
                }
                for x in f.fixes
            ]
        props = {}
        if f.code is not None:
            props["errorCode"] = f.code
        if f.url:
            props["documentation"] = f.url
        if props:
            res["properties"] = props
        return res

    def finish(self, notes: list[Note], changes: list[Change], files_checked: int) -> None:
        invocation: dict = {"executionSuccessful": True}
        if notes:
            invocation["toolExecutionNotifications"] = [
                {
                    "level": "note" if n.kind == "unsupported" else "warning",
                    "message": {"text": sentence(f"{n.rel}: {n.message}")},
                    "locations": [{"physicalLocation": {"artifactLocation": artifact_location(n.rel)}}],
                    "descriptor": {"id": f"skipped-{n.kind}"},
                }
                for n in notes
            ]
        tail = {"artifacts": self.artifacts, "invocations": [invocation]}
        self.out.write(("\n" if self.total else "") + "]," + dumps(tail)[1:-1] + "}]}\n")
