// The flat AST: nodes in an array, children before parents, with source offsets.
import type { OpName } from '../ops/table.js';

/** A numeric literal (`2.5`, `1e-3`). */
export interface NumberNode {
  readonly kind: 'number';
  readonly value: number;
  readonly start: number;
  readonly end: number;
}
/** A name: a variable, an earlier assignment or a constant (`pi`, `e`). */
export interface NameNode {
  readonly kind: 'name';
  readonly name: string;
  readonly start: number;
  readonly end: number;
}
/** An operator or function call applied to earlier nodes. */
export interface OpNode {
  readonly kind: 'op';
  readonly op: OpName;
  /** Indices of the operands in `Program.nodes`, all smaller than this node's. */
  readonly args: readonly number[];
  readonly start: number;
  readonly end: number;
}
/** One node of a parsed program; `start`/`end` are UTF-16 offsets into the source. */
export type AstNode = NumberNode | NameNode | OpNode;

/** One statement: `name = expr`, or a bare expression. */
export interface Statement {
  /** The assigned name, or undefined for a bare expression. */
  readonly name: string | undefined;
  /** Index of the statement's expression in `Program.nodes`. */
  readonly root: number;
  /** Offset of the statement's first character. */
  readonly start: number;
}

/**
 * A parsed program: statements over one flat node array, children before
 * parents, so a program of any nesting depth is walked with a loop.
 */
export interface Program {
  readonly source: string;
  readonly nodes: readonly AstNode[];
  readonly statements: readonly Statement[];
}
