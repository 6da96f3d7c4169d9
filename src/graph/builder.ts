import type { Shape } from './tensor.js';

/** An op's attributes (a shape, an index): fixed when the node is built. */
export type Attrs = Readonly<Record<string, unknown>> | undefined;

/** A value that may be a structural zero (undefined): rules skip work on zeros. */
export type Z<T> = T | undefined;
type In<T> = Z<T> | number;

/**
 * The interface derivative rules are written against. A numeric builder computes values;
 * a graph builder adds nodes, so the same rule yields numbers or a derivative graph.
 * Literal numbers are allowed anywhere; `undefined` means zero and short-circuits.
 */
export abstract class Builder<T> {
  abstract lift(v: number): T;
  abstract apply(op: string, xs: T[], attrs?: Attrs): T;
  abstract shape(x: T): Shape;

  protected v(x: T | number): T {
    return typeof x === 'number' ? this.lift(x) : x;
  }

  op(name: string, ...xs: (T | number)[]): T {
    return this.apply(name, xs.map((x) => this.v(x)));
  }

  add(a: In<T>, b: In<T>): Z<T> {
    if (a === undefined || a === 0) return b === undefined ? undefined : this.v(b);
    if (b === undefined || b === 0) return this.v(a);
    return this.apply('add', [this.v(a), this.v(b)]);
  }

  sub(a: In<T>, b: In<T>): Z<T> {
    if (b === undefined || b === 0) return a === undefined ? undefined : this.v(a);
    if (a === undefined || a === 0) return this.neg(b);
    return this.apply('sub', [this.v(a), this.v(b)]);
  }

  mul(a: In<T>, b: In<T>): Z<T> {
    if (a === undefined || b === undefined || a === 0 || b === 0) return undefined;
    if (a === 1) return this.v(b);
    if (b === 1) return this.v(a);
    return this.apply('mul', [this.v(a), this.v(b)]);
  }

  div(a: In<T>, b: T | number): Z<T> {
    if (a === undefined || a === 0) return undefined;
    if (b === 1) return this.v(a);
    return this.apply('div', [this.v(a), this.v(b)]);
  }

  neg(a: In<T>): Z<T> {
    if (a === undefined || a === 0) return undefined;
    return this.apply('neg', [this.v(a)]);
  }

  square(a: T): T {
    return this.apply('square', [a]);
  }

  /** Sum a broadcast adjoint back down to `shape`. */
  sumTo(a: Z<T>, shape: Shape): Z<T> {
    if (a === undefined) return undefined;
    return this.apply('sum_to', [a], { shape });
  }

  /** Repeat a tangent up to `shape`. */
  broadcastTo(a: Z<T>, shape: Shape): Z<T> {
    if (a === undefined) return undefined;
    return this.apply('broadcast_to', [a], { shape });
  }
}
