// The library's boundary: wrong arguments get typed errors (exported classes)
// that speak of the library's own parameters, never of CLI flags, and never a
// raw TypeError from deep inside.
import { describe, expect, it } from 'vitest';
import {
  ArgumentError, AutogradError, diff, evaluate, gradient, hessian, NameError, parse, toDot,
} from '../../../src/index.js';

/** Calls f and returns what it threw. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

/** Calls a library function with arguments TypeScript would refuse, as plain JavaScript callers can. */
const loose = <F extends (...args: never[]) => unknown>(f: F) => f as unknown as (...args: unknown[]) => unknown;

describe('a wrong type is an ArgumentError', () => {
  const cases: ReadonlyArray<readonly [string, () => unknown, string]> = [
    ['a string value', () => evaluate('x', { x: '3' as unknown as number }), "point gives 'x' the string '3': a value must be a number"],
    ['a string value in a Map', () => gradient('x*y', new Map<string, unknown>([['x', 1], ['y', '2']]) as Map<string, number>),
      "point gives 'y' the string '2': a value must be a number"],
    ['a bigint value', () => evaluate('x', { x: 3n as unknown as number }), "point gives 'x' the bigint 3n: a value must be a number"],
    ['null as a value', () => hessian('x^2', { x: null as unknown as number }), "point gives 'x' null: a value must be a number"],
    ['a point that is a number', () => loose(evaluate)('x', 3), 'point must be a Map or a plain object of numbers, like { x: 1 }, got the number 3'],
    ['a point that is an array', () => loose(evaluate)('x', [1]), 'point must be a Map or a plain object of numbers, like { x: 1 }, got an array'],
    ['a point that is null', () => loose(gradient)('x', null), 'point must be a Map or a plain object of numbers, like { x: 1 }, got null'],
    ['a Map with a name that is not a string', () => loose(evaluate)('x', new Map([[1, 2]])), 'point has a name that is not a string: the number 1'],
    ['a program that is a number', () => loose(evaluate)(42, {}), 'program must be source text or a Program from parse(), got the number 42'],
    ['no program', () => loose(diff)(), 'program must be source text or a Program from parse(), got undefined'],
    ['wrt as a string', () => loose(gradient)('x*y', { x: 1, y: 2 }, { wrt: 'x' }), "wrt must be an array of names, like ['x'], got the string 'x'"],
    ['wrt holding a number', () => loose(diff)('x*y', { wrt: ['x', 1] }), 'wrt holds the number 1: every entry must be a name'],
    ['all as a string', () => loose(gradient)('x', { x: 1 }, { all: 'yes' }), "all must be true or false, got the string 'yes'"],
    ['options that are a string', () => loose(hessian)('x', { x: 1 }, 'x'), "the options must be an object like { wrt: ['x'] }, got the string 'x'"],
    ['parse of a number', () => loose(parse)(42), 'source must be program text, got the number 42'],
    ['parse of nothing', () => loose(parse)(), 'source must be program text, got undefined'],
    ['toDot of nothing', () => loose(toDot)(), 'source must be a built graph, such as gradient(program, point).built, got undefined'],
    ['toDot of a string', () => loose(toDot)('x*y'), "source must be a built graph, such as gradient(program, point).built, got the string 'x*y'"],
  ];
  for (const [what, call, message] of cases) {
    it(what, () => {
      const err = thrown(call);
      expect(err).toBeInstanceOf(ArgumentError);
      expect(err).toBeInstanceOf(AutogradError);
      expect((err as ArgumentError).code).toBe('argument');
      expect((err as Error).message).toBe(message);
    });
  }
});

describe('a missing value or an unknown name is a NameError in the library\'s words', () => {
  it('no point at all: a program without variables evaluates; one with variables names them', () => {
    expect(evaluate('2 + 3').value).toBe(5);
    expect(gradient('2 + 3').gradient.size).toBe(0);
    const err = thrown(() => evaluate('x*y'));
    expect(err).toBeInstanceOf(NameError);
    expect((err as Error).message).toBe("the point has no value for variables 'x', 'y'");
  });

  it('a misspelled name gets "did you mean" from the point', () => {
    const err = thrown(() => gradient('x1 + 1', { x2: 3 })) as NameError;
    expect(err).toBeInstanceOf(NameError);
    expect(err.message).toBe("the point has no value for variable 'x1' (did you mean 'x2'?)");
    expect(err.suggestions).toEqual(['x2']);
  });

  it('wrt names something the program does not have', () => {
    for (const call of [() => gradient('x*y', { x: 1, y: 2 }, { wrt: ['z'] }), () => diff('x*y', { wrt: ['z'] }), () => hessian('x*y', { x: 1, y: 2 }, { wrt: ['z'] })]) {
      const err = thrown(call);
      expect(err).toBeInstanceOf(NameError);
      expect((err as Error).message).toBe("wrt names 'z', which is neither a variable nor a named node of the program");
    }
    expect((thrown(() => gradient('x1*y', { x1: 1, y: 2 }, { wrt: ['x2'] })) as NameError).suggestions).toEqual(['x1']);
  });

  it('hessian refuses a named node in wrt instead of dropping it', () => {
    const err = thrown(() => hessian('e = x*y; e^2', { x: 1, y: 2 }, { wrt: ['e'] }));
    expect(err).toBeInstanceOf(NameError);
    expect((err as Error).message).toBe("wrt names 'e', a named node: the Hessian is over variables only");
  });

  it('no library error mentions a CLI flag', () => {
    const calls = [
      () => evaluate('x'), () => evaluate('x + y', { x: 1 }), () => gradient('q', { p: 1 }),
      () => gradient('x', { x: 1 }, { wrt: ['y'] }), () => diff('x', { wrt: ['y'] }), () => hessian('x', { x: 1 }, { wrt: ['y'] }),
      () => loose(evaluate)('x', { x: '1' }), () => loose(gradient)('x', { x: 1 }, { wrt: 'x' }),
    ];
    for (const call of calls) {
      const err = thrown(call);
      expect(err).toBeInstanceOf(AutogradError);
      expect((err as Error).message).not.toMatch(/--[a-z]/);
    }
  });
});

describe('what is a value', () => {
  it('NaN and ±Infinity are numbers: they evaluate (and propagate) instead of being refused', () => {
    expect(evaluate('x + 1', { x: NaN }).value).toBeNaN();
    expect(gradient('2*x', { x: Infinity }).value).toBe(Infinity);
    expect(gradient('2*x', { x: -Infinity }).gradient.get('x')).toBe(2);
  });

  it('hostile names in a point are escaped in messages', () => {
    const err = thrown(() => evaluate('x', { x: '\u001b[31m' as unknown as number }));
    expect((err as Error).message).toBe("point gives 'x' the string '\\u{1b}[31m': a value must be a number");
  });
});
