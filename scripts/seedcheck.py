#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that a prepared base tree holds the pre-series code.

The seed thread (shared/seeds/001_*.txt) carries the v1 patches as mail
text whose indentation and blank lines were lost. So the comparison works
on normalised lines: blank lines dropped, runs of white space folded to
one space. For each v1 patch in order, every hunk's old side (context and
"-" lines) must occur exactly once in the normalised file at the base tag;
the hunk's new side then replaces it, so later patches are checked against
the code as the earlier ones leave it, exactly as `git am` would.

Exit status 0 when every hunk matches, 1 otherwise.
"""
import argparse
import re
import subprocess
import sys


def norm(line):
    return re.sub(r'\s+', ' ', line).strip()


def parse_patches(text):
    """Return [(subject, [(path, header, old, new), ...]), ...]."""
    patches = []
    for m in re.finditer(r'^\* \[PATCH (\d+)/(\d+)\] (.*)$', text, re.M):
        body = text[m.end():]
        end = body.find('\n^ permalink')
        body = body[:end if end >= 0 else len(body)]
        hunks = []
        path = None
        cur = None
        in_diff = False
        for line in body.split('\n'):
            if line.startswith('diff --git '):
                path = line.split()[2][2:]
                in_diff = True
                cur = None
                continue
            if not in_diff:
                continue
            if line.startswith('@@'):
                cur = (path, line, [], [])
                hunks.append(cur)
                continue
            if line == '--' or line.startswith('-- '):
                in_diff = False
                cur = None
                continue
            if cur is None:
                continue  # index/---/+++ header lines
            if line.startswith('+'):
                n = norm(line[1:])
                if n:
                    cur[3].append(n)
            elif line.startswith('-'):
                n = norm(line[1:])
                if n:
                    cur[2].append(n)
            else:
                n = norm(line)
                if n:
                    cur[2].append(n)
                    cur[3].append(n)
        patches.append((f'{m.group(1)}/{m.group(2)} {m.group(3)}', hunks))
    return patches


def find_all(hay, needle):
    hits = []
    k = len(needle)
    for i in range(len(hay) - k + 1):
        if hay[i] == needle[0] and hay[i:i + k] == needle:
            hits.append(i)
    return hits


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--tree', required=True)
    ap.add_argument('--rev', default='HEAD', help='git revision of the tree to read')
    ap.add_argument('seed')
    args = ap.parse_args()

    patches = parse_patches(open(args.seed, encoding='utf-8', errors='replace').read())
    files = {}

    def load(path):
        if path not in files:
            src = subprocess.run(['git', '-C', args.tree, 'show', f'{args.rev}:{path}'],
                                 check=True, capture_output=True, text=True).stdout
            files[path] = [n for n in (norm(l) for l in src.split('\n')) if n]
        return files[path]

    bad = 0
    total = 0
    for subject, hunks in patches:
        print(f'v1 patch {subject}')
        for path, header, old, new in hunks:
            total += 1
            lines = load(path)
            hits = find_all(lines, old)
            where = header.split('@@')[-1].strip() or header
            if len(hits) == 1:
                i = hits[0]
                files[path] = lines[:i] + new + lines[i + len(old):]
                print(f'  ok    {path}: {where} ({len(old)} lines of old side)')
            else:
                bad += 1
                print(f'  FAIL  {path}: {where}: old side found {len(hits)} times')
    print(f'seedcheck: {total - bad}/{total} hunks of the v1 patches match the base '
          f'({args.rev})')
    return 1 if bad or not total else 0


if __name__ == '__main__':
    sys.exit(main())
