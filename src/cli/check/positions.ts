import { isMap, isPair, isScalar, LineCounter, type Document, type Node as YamlNode, type Pair } from 'yaml';
import type { Where } from './spec.js';

/**
 * Positions in one YAML file: from a node, a key or an offset to `file:line:col` with the
 * line's text, so messages can put a caret in the file itself.
 */
export class Positions {
  readonly lines: string[];

  constructor(
    readonly file: string,
    readonly text: string,
    readonly counter: LineCounter,
    readonly doc: Document,
  ) {
    this.lines = text.split(/\r?\n/);
  }

  at(offset: number, width = 1): Where {
    const { line, col } = this.counter.linePos(offset);
    return { file: this.file, line, column: col, text: this.lines[line - 1], width };
  }

  /** Where a node starts; the width covers it on its first line. */
  ofNode(node: YamlNode | null | undefined): Where | undefined {
    if (!node?.range) return undefined;
    const [start, end] = node.range;
    const w = this.at(start);
    w.width = Math.max(1, Math.min(end - start, (w.text?.length ?? 0) - w.column + 1));
    return w;
  }

  /** The node at a path of keys and indices (the value node, not its pair). */
  node(path: readonly PropertyKey[]): YamlNode | undefined {
    if (path.length === 0) return this.doc.contents ?? undefined;
    const n = this.doc.getIn(path as unknown[], true);
    return n && typeof n === 'object' && 'range' in (n as object) ? (n as YamlNode) : undefined;
  }

  /** The key `key` of the map at `path`, or the map itself when the key is absent. */
  key(path: readonly PropertyKey[], key: string): Where | undefined {
    const map = this.node(path);
    if (isMap(map)) {
      const pair = map.items.find((p: Pair) => isScalar(p.key) && String(p.key.value) === key);
      if (pair && isPair(pair) && isScalar(pair.key)) return this.ofNode(pair.key);
    }
    return this.ofNode(map);
  }

  /** The value at `path`, else the nearest enclosing node that exists, else the file's start. */
  near(path: readonly PropertyKey[]): Where {
    for (let k = path.length; k >= 0; k--) {
      const parent = path.slice(0, k);
      if (k === path.length) {
        const w = this.ofNode(this.node(parent));
        if (w) return w;
      } else {
        // The key of the first missing step, if that key exists; else the parent node.
        const w = typeof path[k] === 'string' ? this.key(parent, path[k] as string) : this.ofNode(this.node(parent));
        if (w) return w;
      }
    }
    return this.at(0);
  }

  /**
   * For a string scalar at `path`: a map from offsets in its value to places in the file,
   * where the value is the text as written (plain or quoted on one line, or a literal block).
   */
  sourceMap(path: readonly PropertyKey[]): ((offset: number) => Where | undefined) | undefined {
    const node = this.node(path);
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
    const value = node.value;
    const [start, end] = node.range;
    switch (node.type) {
      case 'PLAIN':
      case 'QUOTE_DOUBLE':
      case 'QUOTE_SINGLE': {
        const q = node.type === 'PLAIN' ? 0 : 1;
        if (this.text.slice(start + q, end - q) !== value) return undefined;
        return (offset) => this.at(start + q + offset);
      }
      case 'BLOCK_LITERAL': {
        const first = this.counter.linePos(start).line; // the `|` line; content starts below
        const valueLines = value.split('\n');
        return (offset) => {
          const before = value.slice(0, offset).split('\n');
          const i = before.length - 1;
          const fileLine = this.lines[first + i];
          const vl = valueLines[i];
          if (fileLine === undefined || vl === undefined) return undefined;
          const indent = fileLine.length - vl.length;
          if (indent < 0 || fileLine.slice(indent) !== vl) return undefined;
          const column = indent + before[i].length + 1;
          return { file: this.file, line: first + i + 1, column, text: fileLine, width: 1 };
        };
      }
      default:
        return undefined;
    }
  }
}
