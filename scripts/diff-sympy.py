#!/usr/bin/env python3
"""Records SymPy's simplified derivative for each scalar case of fixtures/diff/person.json.

Run once (Debian's python3-sympy) and commit the result: tests/parse/diff-person.test.ts reads
the recorded text and needs no Python. Usage: python3 scripts/diff-sympy.py [fixture]
A case whose "sympy" is null (matrices, relu) is left out. The text is SymPy's str() with
** written ^ (cg's syntax), so lengths compare like for like.
"""
import json
import sys

import sympy as sp

path = sys.argv[1] if len(sys.argv) > 1 else 'fixtures/diff/person.json'
data = json.load(open(path))

u = sp.Symbol('u')
names = {
    'sigmoid': sp.Lambda(u, 1 / (1 + sp.exp(-u))),
    'softplus': sp.Lambda(u, sp.log(1 + sp.exp(u))),
    'log': sp.log, 'exp': sp.exp, 'sqrt': sp.sqrt, 'sin': sp.sin, 'cos': sp.cos, 'tan': sp.tan,
    'asin': sp.asin, 'acos': sp.acos, 'atan': sp.atan, 'sinh': sp.sinh, 'cosh': sp.cosh, 'tanh': sp.tanh,
}


def parse(source):
    """cg's `a = ...; b = ...; expr` as one SymPy expression (assignments substituted)."""
    env = dict(names)
    value = None
    for stmt in [s.strip() for s in source.split(';') if s.strip()]:
        name = None
        if '=' in stmt:
            name, stmt = [p.strip() for p in stmt.split('=', 1)]
        value = sp.sympify(stmt.replace('^', '**'), locals=env)
        if name:
            env[name] = value
    return value


for case in data['cases']:
    if 'sympy' in case and case['sympy'] is None:
        continue
    f = parse(case['expression'])
    d = sp.simplify(sp.diff(f, sp.Symbol(case['wrt'])))
    case['sympy'] = str(d).replace('**', '^')
    print(f"{case['expression']:50} {case['sympy']}", file=sys.stderr)

data['sympy_version'] = sp.__version__
with open(path, 'w') as out:
    json.dump(data, out, indent=1, ensure_ascii=False)
    out.write('\n')
