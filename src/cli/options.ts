// How an option table works. A command's table has one entry per key of its
// options interface (the compiler insists on every key): the flag's spelling,
// its help text, how its text becomes the typed value, and what it needs or
// cannot go with. The commander program, --help, the completions and the man
// page are all made from the tables; adding a flag is one entry.
import { Option } from 'commander';
import { UsageError } from '../errors.js';
import { parseDecimal } from '../syntax/number-text.js';
import { quoteText } from '../syntax/unshowable.js';

/** What commander collected for an option: a value, the values of a repeatable one, or a switch. */
export type Raw = string | readonly string[] | boolean | undefined;

/** Where reading a value may leave a warning (a number that overflowed). */
export type Note = (message: string) => void;

/** One option of a command; `K` is the command's option keys. */
export interface OptionSpec<V, K extends string = string> {
  /** One letter for a short flag (`f` gives `-f`). */
  readonly short?: string;
  /** The value's placeholder (`rate` gives `--lr <rate>`); absent for a switch. */
  readonly value?: string;
  readonly description: string;
  /** The default as help shows it (the typed default is the reader's). */
  readonly default?: string;
  /** May be given several times, values collected; otherwise a second one is a usage error. */
  readonly repeatable?: boolean;
  /** The value is one comma-separated list (said when it is given twice). */
  readonly list?: boolean;
  /** The value is a path: completed with file names. */
  readonly file?: boolean;
  /** Spelled `--no-<key>`: giving it turns the option off. */
  readonly negate?: boolean;
  /** The option this one works with (it would do nothing alone). */
  readonly needs?: K;
  /** Options this one cannot go with, each with the reason. */
  readonly conflicts?: { readonly [O in K]?: string };
  /** The typed value from the raw one (undefined when the option is not given). */
  readonly read: (raw: Raw, flag: string, note: Note) => V;
}

/** An options interface's table: one entry per key, typed by that key's value. */
export type OptionTable<T> = { readonly [K in keyof T & string]: OptionSpec<T[K], keyof T & string> };

/** Any table, with its value types forgotten (what commander, completion and man read). */
export type AnyOptionTable = Readonly<Record<string, OptionSpec<unknown>>>;

/** `--lr`, `--no-color` (keys are camelCase, flags kebab-case). */
export function longFlag(key: string, spec: Pick<OptionSpec<unknown>, 'negate'>): string {
  return `--${spec.negate === true ? 'no-' : ''}${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Every spelling of an option: `--file` and `-f`. */
export function flagsOf(key: string, spec: OptionSpec<unknown>): string[] {
  return spec.short === undefined ? [longFlag(key, spec)] : [longFlag(key, spec), `-${spec.short}`];
}

/** The description with its default, as help, completions and the man page show it. */
export function describeOption(spec: OptionSpec<unknown>): string {
  return spec.default === undefined ? spec.description : `${spec.description} (default ${spec.default})`;
}

/** The commander option for a table entry; a repeated non-repeatable value is a usage error. */
export function toCommanderOption(key: string, spec: OptionSpec<unknown>): Option {
  const long = longFlag(key, spec);
  const flags = `${spec.short === undefined ? '' : `-${spec.short}, `}${long}${spec.value === undefined ? '' : ` <${spec.value}>`}`;
  const option = new Option(flags, describeOption(spec));
  if (option.attributeName() !== key) throw new Error(`option table: '${flags}' does not spell the key '${key}'`);
  if (spec.value === undefined) return option;
  return option.argParser((value: string, previous: unknown): string | string[] => {
    if (spec.repeatable === true) return [...(Array.isArray(previous) ? previous as string[] : []), value];
    if (typeof previous === 'string') {
      const how = spec.list === true ? ` (one comma-separated list: ${long} ${quoteText(previous)},${quoteText(value)})` : '';
      throw new UsageError(`${long} is given twice ('${quoteText(previous)}', then '${quoteText(value)}'): give it once${how}`);
    }
    return value;
  });
}

function isGiven(spec: OptionSpec<unknown>, raw: unknown): boolean {
  if (spec.negate === true) return raw === false;
  return raw !== undefined && raw !== false;
}

/**
 * The typed options of a command from commander's raw ones: first what needs
 * or excludes what (usage errors), then each value through its reader.
 */
export function readOptions<T>(table: OptionTable<T>, raw: Readonly<Record<string, unknown>>, note: Note): T {
  const specs = table as unknown as AnyOptionTable;
  const keys = Object.keys(specs);
  const given = (key: string): boolean => {
    const spec = specs[key];
    return spec !== undefined && isGiven(spec, raw[key]);
  };
  const flag = (key: string): string => {
    const spec = specs[key];
    return spec === undefined ? `--${key}` : longFlag(key, spec);
  };
  for (const key of keys) {
    const spec = specs[key];
    if (spec === undefined || !given(key)) continue;
    if (spec.needs !== undefined && !given(spec.needs)) {
      throw new UsageError(`${flag(key)} works only with ${flag(spec.needs)}: add ${flag(spec.needs)}, or drop ${flag(key)}`);
    }
    for (const [other, why] of Object.entries(spec.conflicts ?? {})) {
      if (given(other)) throw new UsageError(`${flag(key)} and ${flag(other)} cannot be used together: ${why as string}`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const spec = specs[key];
    if (spec !== undefined) out[key] = spec.read(raw[key] as Raw, flag(key), note);
  }
  // Every key was read by its own entry, whose type the table ties to T[key].
  return out as T;
}

/** A switch: true when given (false for a `--no-` option). */
export function readSwitch(raw: Raw): boolean {
  return raw === true;
}

/** The text of a value option, or undefined when not given. */
export function readText(raw: Raw): string | undefined {
  return typeof raw === 'string' ? raw : undefined;
}

/** The texts of a repeatable option (none when not given). */
export function readTexts(raw: Raw): readonly string[] {
  return Array.isArray(raw) ? raw as readonly string[] : [];
}

/** What a numeric flag accepts. */
export interface NumberRule {
  /** A whole number. */
  readonly whole?: boolean;
  /** The least value allowed. */
  readonly min: number;
  /** The value must exceed `min` (a positive rate). */
  readonly aboveMin?: boolean;
  readonly max?: number;
  /** A value to show in the message. */
  readonly example?: string;
}

function expected(rule: NumberRule): string {
  const like = rule.example === undefined ? '' : `, like ${rule.example}`;
  if (rule.whole === true) {
    const from = rule.aboveMin === true ? rule.min + 1 : rule.min;
    if (from === 0 && rule.max === undefined) return 'a whole number';
    return `a whole number from ${from}${rule.max === undefined ? '' : ` to ${rule.max}`}`;
  }
  const kind = rule.min === 0 ? (rule.aboveMin === true ? 'a positive number' : 'a non-negative number')
    : `a number ${rule.aboveMin === true ? 'above' : 'from'} ${rule.min}`;
  return `${kind}${rule.max === undefined ? '' : ` up to ${rule.max}`}${like}`;
}

/**
 * The one parser of numeric flags: the language's number syntax (`0.5`,
 * `1e-3`, no hex), finite, within the rule; otherwise a usage error (exit 2).
 */
export function parseNumberFlag(flag: string, text: string, rule: NumberRule): number {
  const x = parseDecimal(text.trim());
  const ok = x !== undefined && Number.isFinite(x) && (rule.aboveMin === true ? x > rule.min : x >= rule.min)
    && (rule.max === undefined || x <= rule.max) && (rule.whole !== true || Number.isSafeInteger(x));
  if (ok) return x;
  // Text that Number() would read (0x10, 0b1) but the language does not: say how numbers are written.
  const foreign = x === undefined && text.trim() !== '' && Number.isFinite(Number(text));
  const syntax = foreign ? ' (numbers are written as in a program: 2, 0.5, 1e-3)' : '';
  throw new UsageError(`${flag} '${quoteText(text)}': expected ${expected(rule)}${syntax}`);
}

/** A numeric option without a default: undefined when not given. */
export function numberOption(rule: NumberRule): Pick<OptionSpec<number | undefined>, 'read'> {
  return { read: (raw, flag) => (typeof raw === 'string' ? parseNumberFlag(flag, raw, rule) : undefined) };
}

/** A numeric option with a default (shown in help as a program would write it). */
export function numberOptionOr(rule: NumberRule, fallback: number): Pick<OptionSpec<number>, 'read' | 'default'> {
  const plain = String(fallback);
  const short = fallback.toExponential().replace('e+', 'e');
  return {
    default: short.length < plain.length ? short : plain,
    read: (raw, flag) => (typeof raw === 'string' ? parseNumberFlag(flag, raw, rule) : fallback),
  };
}
