"""Precision and recall of "counts as an error code" on the labelled corpus (tests/catalog/corpus/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ohos_errcode.catalog.scan import IncrementalScanner, counts_as_code, language_of

CORPUS = Path(__file__).resolve().parent / "corpus"
LABEL = re.compile(r"//!((?:\s+[EN]:-?\d+)+)\s*$")


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if language_of(p.name))


def candidates(doc: IncrementalScanner):
    """Decimal literals of 3+ digits in code, and whole-number strings: what a label must cover."""
    for lit in doc.literals:
        if lit.base != 10 or lit.digits < 3:
            continue
        if lit.context in ("code", "preprocessor") or lit.quoted:
            yield lit


def evaluate(catalog):
    tp = fp = fn = tn = 0
    problems: list[str] = []
    mistakes: list[str] = []
    for path in corpus_files():
        text = path.read_text(encoding="utf-8")
        doc = IncrementalScanner(text, language_of(path.name), catalog)
        by_line: dict[int, list] = {}
        for lit in candidates(doc):
            by_line.setdefault(lit.range.start.line, []).append(lit)
        for i, line in enumerate(doc.lines):
            m = LABEL.search(line)
            labels = [(tok[0] == "E", int(tok[2:])) for tok in m.group(1).split()] if m else []
            found = by_line.get(i, [])
            if [v for _, v in labels] != [lit.value for lit in found]:
                problems.append(f"{path.name}:{i + 1}: labels {[v for _, v in labels]} but scanned "
                                f"{[lit.value for lit in found]}: {line.strip()}")
                continue
            for (truth, _), lit in zip(labels, found):
                predicted = counts_as_code(lit, catalog) is not None
                if truth and predicted:
                    tp += 1
                elif truth:
                    fn += 1
                    mistakes.append(f"missed   {path.name}:{i + 1}: {lit.text}  {line.strip()}")
                elif predicted:
                    fp += 1
                    mistakes.append(f"false +  {path.name}:{i + 1}: {lit.text}  {line.strip()}")
                else:
                    tn += 1
    return tp, fp, fn, tn, problems, mistakes


def test_corpus_has_enough_snippets():
    snippets = sum(p.read_text(encoding="utf-8").count("// === snippet:") for p in corpus_files())
    kinds = {language_of(p.name) for p in corpus_files()}
    assert snippets >= 40 and kinds == {"arkts", "c"}


def test_precision_and_recall_on_the_labelled_corpus(catalog, capsys):
    tp, fp, fn, tn, problems, mistakes = evaluate(catalog)
    assert problems == [], "labels must cover exactly the scanned literals:\n" + "\n".join(problems)
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    with capsys.disabled():
        print(f"\ncorpus: {tp + fn} error codes, {fp + tn} non-codes; tp={tp} fp={fp} fn={fn} tn={tn}; "
              f"precision {precision:.3f}, recall {recall:.3f}")
        for m in mistakes:
            print("  " + m)
    assert precision >= 0.95
    assert recall >= 0.95


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_every_corpus_file_scans_without_problems(path, catalog):
    from ohos_errcode.catalog.analyze import analyze

    text = path.read_text(encoding="utf-8")
    findings = analyze(text, language_of(path.name), catalog)
    lines = text.splitlines()
    for f in findings:
        assert f.range.start.line == f.range.end.line < len(lines)


def test_precision_and_recall_with_every_shared_reference_page(full_catalog, capsys):
    """The same corpus with every English and Chinese page of ../shared/ohos-docs loaded (more kits known)."""
    tp, fp, fn, tn, problems, mistakes = evaluate(full_catalog)
    assert problems == []
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    with capsys.disabled():
        print(f"\ncorpus, all shared pages: tp={tp} fp={fp} fn={fn} tn={tn}; precision {precision:.3f}, recall {recall:.3f}")
        for m in mistakes:
            print("  " + m)
    assert precision >= 0.95 and recall >= 0.95
