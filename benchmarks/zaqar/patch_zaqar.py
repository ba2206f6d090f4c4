"""Applies the source fixes the benchmark needs to the installed Zaqar (idempotent).

Run with the virtualenv's interpreter (setup.sh does):

    $VENV/bin/python benchmarks/zaqar/patch_zaqar.py

Each fix replaces one exact piece of Zaqar's source. A fix already applied is skipped; a
piece that is not found (another Zaqar version) stops with a clear message, so the
benchmark never runs against a Zaqar whose behaviour nobody checked.

Fixes:

* redis-list-include-claimed: ``GET /v2/queues/{q}/messages?include_claimed=true`` without
  a marker calls ``ZRANK key None``, which redis-py >= 3 refuses (``DataError: Invalid
  input of type: 'NoneType'``), so Zaqar answers 503 "Messages could not be listed". Only
  the first page of a listing that includes claimed messages is affected; the fix starts
  such a listing at rank 0, as the code intends. It does not change any other request.
"""

import importlib.util
import pathlib
import sys

FIXES = [
    (
        "redis-list-include-claimed",
        "zaqar/storage/redis/messages.py",
        "            rank = client.zrank(msgset_key, marker)\n",
        "            rank = client.zrank(msgset_key, marker) if marker else None\n",
    ),
]


def site_root():
    spec = importlib.util.find_spec("zaqar")
    if spec is None or spec.origin is None:
        sys.exit("patch_zaqar: zaqar is not installed in this interpreter")
    return pathlib.Path(spec.origin).parent.parent


def apply(root, name, relative_path, old, new):
    path = root / relative_path
    source = path.read_text(encoding="utf-8")
    if new in source:
        print(f"patch_zaqar: {name}: already applied")
        return
    count = source.count(old)
    if count != 1:
        sys.exit(
            f"patch_zaqar: {name}: expected the original line once in {path}, "
            f"found it {count} times (another Zaqar version?)"
        )
    path.write_text(source.replace(old, new), encoding="utf-8")
    # Drop the stale bytecode so the next import compiles the fixed source.
    for cached in (path.parent / "__pycache__").glob(path.stem + ".*.pyc"):
        cached.unlink()
    print(f"patch_zaqar: {name}: applied to {path}")


def main():
    root = site_root()
    for name, relative_path, old, new in FIXES:
        apply(root, name, relative_path, old, new)


if __name__ == "__main__":
    main()
