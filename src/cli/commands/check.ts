import { choice, defineCommand, flag, inputs, json, list, text, tolerances } from '../command.js';

export const check = defineCommand({
  name: 'check',
  args: [['[expr-or-files...]', 'an expression, or case files (.yaml, .yml, .json)']],
  description: 'assert gradients in CI: AD against finite differences and expected values, one expression or many cases from files',
  options: {
    ...inputs,
    expect: list('--expect <values>', 'expected value, gradient and Hessian: value=-12,x=-4,W=[[1,2],[3,4]],hessian=[[2,0],[0,2]] (may repeat)'),
    wrt: text('--wrt <names>', 'check these variables only (a,b)'),
    ...tolerances('for cases that set none', '1e-6', '1e-8'),
    reporter: list('--reporter <name[=file]>', 'text (default), json, junit, tap or github; =FILE writes that report to a file (may repeat)'),
    output: text('-o, --output <file>', 'write the report to this file (atomically) instead of stdout; stdout then gets the summary line (the text report when the file holds another format)'),
    sweep: flag('--sweep', 'also print the finite-difference error against the step size over 15 decades'),
    strict: flag('--strict', 'inconclusive finite-difference comparisons fail the case too'),
    ...json('same as --reporter json'),
    schema: flag('--schema', 'print the JSON Schema of the case-file format'),
    shard: text('--shard <K/N>', 'run only the cases of job K of N (split by a hash of file and case name: stable as cases are added)'),
    list: flag('--list', 'print the cases that would run (file:line, tab, name), run none'),
    exec: text('--exec <command>', "check your own program's gradient: it speaks cg's protocol on stdin/stdout (split as a shell would, never run by one; needs --allow-exec), e.g. --exec \"python3 tests/grad_server.py\" --at-file point.json --allow-exec"),
    module: text('--module <file#name>', "check a JavaScript module's export (inputs) => { value, gradient }, loaded in process"),
    allowExec: flag('--allow-exec', 'let exec cases (and --exec) run their programs: a case file with exec: is code'),
    timeout: text('--timeout <seconds>', 'how long an exec program may take to answer one request (default 60)'),
    printAdapter: choice('--print-adapter <language>', "print the adapter that serves a function in cg's protocol: cg check --print-adapter python > tests/cg_adapter.py", ['python'] as const),
  },
  examples: [
    'cg check "(x+y)*z" --at x=-2,y=5,z=-4 --expect value=-12,x=-4,y=-4,z=3',
    'cg check fixtures/checks/*.yaml --reporter junit=report.xml',
    'cg check --module fixtures/checks/exec/energy.mjs#energy --at x=[0,1.2,2.1],k=2',
  ],
});
