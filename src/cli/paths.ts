import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CgError } from '../errors.js';

/**
 * A folder given where an expression is expected (`cg check checks`, `cg eval runs/iris`)
 * would be read as an expression and fail with a puzzling parse error: say what was expected.
 * `bareWords`: also take a single word for a folder's name when one exists.
 */
export function expressionPathProblem(arg: string, bareWords: boolean): CgError | undefined {
  const path = arg.trim();
  // A bare word is a variable name as much as a folder's: a folder only where the command
  // needs values and none were given (so as an expression it could not work).
  const pathLike = /^\.|[/\\]/.test(path) && !/\s/.test(path);
  if (!pathLike && !(bareWords && /^[\w-]+$/.test(path))) return undefined;
  let dir = false;
  try {
    dir = statSync(path).isDirectory();
  } catch {
    return undefined;
  }
  if (!dir) return undefined;
  if (existsSync(join(path, 'LATEST')) || existsSync(join(path, 'model.json'))) {
    return new CgError('usage', `${path} is a model folder, not an expression`, { hint: `evaluate it on data with: cg eval ${path} --data FILE (a spec or a CSV); predict with: cg predict ${path} --input ROW` });
  }
  return new CgError('usage', `${path} is a folder; an expression or a file was expected`, { hint: 'give an expression, --file FILE, or case files (.yaml, .yml, .json)' });
}
