#!/usr/bin/env python3
"""Add or update message keys in crates/core/i18n/{th,en}.json without clobbering concurrent edits.

Usage: scripts/i18n-add.py KEY 'ข้อความไทย' 'English text' [KEY TH EN ...]
The files stay sorted by key with two-space indentation.
"""
import json, sys, pathlib
root = pathlib.Path(__file__).resolve().parent.parent / "crates/core/i18n"
args = sys.argv[1:]
if not args or len(args) % 3:
    sys.exit(__doc__)
for lang, idx in (("th", 1), ("en", 2)):
    p = root / f"{lang}.json"
    data = json.loads(p.read_text(encoding="utf-8"))
    for i in range(0, len(args), 3):
        data[args[i]] = args[i + idx]
    p.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
