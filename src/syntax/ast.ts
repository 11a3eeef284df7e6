// The flat AST: nodes in an array, children before parents, with source offsets.
import type { OpName } from '../ops/table.js';

export interface NumberNode {
  readonly kind: 'number';
  readonly value: number;
  readonly start: number;
  readonly end: number;
}
export interface NameNode {
  readonly kind: 'name';
  readonly name: string;
  readonly start: number;
  readonly end: number;
}
export interface OpNode {
  readonly kind: 'op';
  readonly op: OpName;
  /** Indices of the operands in `Program.nodes`, all smaller than this node's. */
  readonly args: readonly number[];
  readonly start: number;
  readonly end: number;
}
export type AstNode = NumberNode | NameNode | OpNode;

export interface Statement {
  /** The assigned name, or undefined for a bare expression. */
  readonly name: string | undefined;
  /** Index of the statement's expression in `Program.nodes`. */
  readonly root: number;
  /** Offset of the statement's first character. */
  readonly start: number;
}

/** A parsed program: statements over one flat node array. */
export interface Program {
  readonly source: string;
  readonly nodes: readonly AstNode[];
  readonly statements: readonly Statement[];
}
