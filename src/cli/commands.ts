// The command line as data: each command's name, argument, option table, help
// notes and examples. main.ts makes the commander program from it, and the
// completions and the man page are written from it, so none can drift.
import { functionList, operatorList } from './help.js';
import {
  DIFF_OPTIONS, EVAL_OPTIONS, FIT_OPTIONS, GLOBAL_OPTIONS, OPTIMIZE_OPTIONS, PLOT_OPTIONS, type DiffOptions, type EvalOptions,
  type FitOptions, type OptimizeOptions, type PlotOptions,
} from './option-tables.js';
import type { AnyOptionTable, OptionTable } from './options.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** One command, as help, completions and the man page describe it. */
export interface CommandInfo<T = unknown> {
  readonly name: string;
  readonly description: string;
  /** The positional argument (`[expr]` optional, `<shell>` required). */
  readonly argument?: { readonly name: string; readonly description: string };
  readonly options: OptionTable<T>;
  /** Prose after the options in --help, built only when help is shown. */
  readonly notes?: () => string;
  /** Command lines that run as shown (help and man page list them; a test runs them). */
  readonly examples: readonly string[];
}

/** A command with its value types forgotten (what completion and man read). */
export type AnyCommandInfo = Omit<CommandInfo, 'options'> & { readonly options: AnyOptionTable };

export interface CliInfo {
  readonly name: string;
  readonly description: string;
  readonly global: AnyOptionTable;
  readonly commands: readonly AnyCommandInfo[];
  readonly examples: readonly string[];
  readonly notes: string;
}

const PROGRAM = { name: '[expr]', description: "the program; '-' reads it from stdin" };

/** The operators and functions, from the op table (eval's help and `autograd functions`). */
export const languageNotes = (): string =>
  `Operators, lowest precedence first:\n${operatorList()}\n\nFunctions:\n${functionList()}`;

export const EVAL: CommandInfo<EvalOptions> = {
  name: 'eval',
  description: 'evaluate a program and its gradient with respect to every variable',
  argument: PROGRAM,
  options: EVAL_OPTIONS,
  notes: languageNotes,
  examples: [
    'autograd eval "(sin(x2)+1)/(x2+exp(x1))+x1*x2" --at x1=1.5,x2=0.5',
    'autograd eval "e = a*b; d = e + c; L = d*f" --at a=2,b=-3,c=10,f=-2 --all',
    'autograd eval "sigmoid(a*x+b*y+c)" --at a=1,b=2,c=-3,x=-1,y=3 --json',
    'autograd eval --at x=2 -- "-x^2"',
    'autograd eval "e = a*b; d = e + c; L = d*f" --at a=2,b=-3,c=10,f=-2 --dot graph.png --trace',
    'autograd eval "log(1+x^2)/x" --at x=0.3 --check',
    'autograd eval "x = r*cos(t); y = r*sin(t)" --at r=2,t=0.5 --of x,y',
    "printf 'x,y\\n-1,3\\n0.5,2\\n' | autograd eval \"sigmoid(a*x+b*y+c)\" --at a=1,b=2,c=-3 --points -",
  ],
};

export const DIFF: CommandInfo<DiffOptions> = {
  name: 'diff',
  description: 'print the derivative of the output for each variable, as programs eval can read',
  argument: PROGRAM,
  options: DIFF_OPTIONS,
  notes: () => `Each derivative is printed as its own program, headed by a comment line
'# ∂f/∂x'; a subexpression used more than once becomes a step 't1 = …'.
With --program, all of them are one program whose statements df_dx, df_dy, …
are the derivatives (its output, the last statement, is the last derivative).`,
  examples: [
    'autograd diff "(sin(x2)+1)/(x2+exp(x1))+x1*x2"',
    'autograd eval "$(autograd diff "x^3*sin(x)" --wrt x)" --at x=2',
    'autograd diff "sigmoid(a*x+b*y+c)" --json',
    'autograd diff "x*y + sin(x)" --program',
    'autograd diff "u = x*y; v = x + sin(y)" --of u,v --program',
  ],
};

export const OPTIMIZE: CommandInfo<OptimizeOptions> = {
  name: 'optimize',
  description: 'gradient descent (or ascent) from --at; prints the value before and after and the final point',
  argument: PROGRAM,
  options: OPTIMIZE_OPTIONS,
  notes: () => `Each step moves every variable (or each --wrt variable) by -lr times its
partial derivative (+lr with --maximize). A step that would give NaN or an
infinite value is not taken: the run stops at the last finite point.`,
  examples: [
    'autograd optimize "sigmoid(a*x+b*y+c)" --at a=1,b=2,c=-3,x=-1,y=3 --maximize',
    'autograd optimize "(1-x)^2 + 100*(y-x^2)^2" --at x=-1.2,y=1 --lr 0.001 --steps 20000',
    'autograd optimize "(x-3)^2" --at x=0 --lr 0.1 --steps 1000 --tol 1e-12 --json',
  ],
};

export const FIT: CommandInfo<FitOptions> = {
  name: 'fit',
  description: 'fit the parameters of a program to data rows: least squares (--y) or the mean of a per-row loss',
  argument: PROGRAM,
  options: FIT_OPTIONS,
  notes: () => `A variable of the program that is a column of the data is data; every
other variable is a parameter and needs a start value in --at.

With --y, the fit minimizes SSR = Σ wᵢ²·(yᵢ − fᵢ)² by Levenberg–Marquardt with
the exact Jacobian (reverse mode, one backward sweep per row). --weights gives
σᵢ per row, wᵢ = 1/σᵢ; the σᵢ are relative: only their ratios matter, and the
covariance is s²·(JᵀJ)⁻¹ with s² = SSR/(n − p), as gnuplot's fit and SciPy's
curve_fit do by default. The report gives each parameter ± its standard error
with a 95% interval (Student's t, n − p degrees of freedom), SSR, the residual
standard deviation, the degrees of freedom and the correlation matrix.

Without --y, the program's output is a per-row loss and the fit minimizes its
mean over the rows with adam (default) or gd, --steps full passes.

Exit 0 when lm converged (or gd/adam ran), 1 when lm stopped without
converging (the best point is still printed) or, with --strict, on a NaN or
infinite result; 2 for usage and data errors.`,
  examples: [
    "printf 'x,y\\n1,2.9\\n2,5.1\\n3,7\\n4,9.1\\n' | autograd fit \"a*x + b\" --data - --y y --at a=1,b=0",
    "printf 'x,y\\n1,0.95\\n2,1.73\\n4,2.84\\n8,3.87\\n16,4.3\\n' | autograd fit \"b1*(1-exp(-b2*x))\" --data - --y y --at b1=5,b2=0.5",
    "printf 'x,y\\n0,1\\n1,3\\n2,5\\n3,7\\n' | autograd fit \"y_hat = w*x + b; (y - y_hat)^2\" --data - --at w=0,b=0 --method gd --lr 0.05 --steps 2000",
    "printf 'x,t\\n-2,0\\n-1,0\\n-0.5,1\\n0.5,0\\n1,1\\n2,1\\n' | autograd fit \"p = sigmoid(w*x+b); -(t*log(p) + (1-t)*log(1-p))\" --data - --at w=0,b=0 --json",
  ],
};

export const PLOT: CommandInfo<PlotOptions> = {
  name: 'plot',
  description: 'draw the function and its derivative over an interval, in the terminal or as SVG or PNG',
  argument: PROGRAM,
  options: PLOT_OPTIONS,
  notes: () => `The function is drawn solid and its derivative dotted (dashed in a picture);
curves break at poles and where they are NaN or infinite. With --at giving
the --over variable, that point is marked and its tangent drawn.`,
  examples: [
    'autograd plot "x^3 - 3*x" --over x=-2.5:2.5',
    'autograd plot "tan(x)" --over x=-3:3 -o tan.svg',
    'autograd plot "x^3 - 3*x" --over x=-2.5:2.5 --at x=1 -o tangent.png',
    'autograd plot "sin(a*x)" --over x=0:6 --at a=2 --wrt a',
  ],
};

export const FUNCTIONS_COMMAND: CommandInfo<Record<never, never>> = {
  name: 'functions',
  description: 'list every function with its derivative and kink convention',
  options: {},
  examples: ['autograd functions', 'autograd functions | grep softplus', 'autograd functions | grep kinks'],
};

export const COMPLETION: CommandInfo<Record<never, never>> = {
  name: 'completion',
  description: 'print a shell completion script (bash, zsh or fish)',
  argument: { name: '<shell>', description: SHELLS.join(', ') },
  options: {},
  examples: ['source <(autograd completion bash)', 'autograd completion zsh > ~/_autograd', 'autograd completion fish > ~/autograd.fish'],
};

export const CLI: CliInfo = {
  name: 'autograd',
  description: 'Exact gradients of math expressions by reverse-mode backpropagation.',
  global: GLOBAL_OPTIONS,
  commands: [EVAL, DIFF, OPTIMIZE, FIT, PLOT, FUNCTIONS_COMMAND, COMPLETION] as readonly AnyCommandInfo[],
  examples: [
    ...EVAL.examples,
    'autograd diff "x^3*sin(x)" --wrt x',
    'autograd optimize "(x-3)^2" --at x=0 --lr 0.1 --steps 100',
    'autograd plot "x^3 - 3*x" --over x=-2.5:2.5 --at x=1 -o plot.svg',
  ],
  notes: "Run 'autograd functions' for the functions and their derivatives.",
};

/** The text after the options in a command's --help: notes, then examples. */
export function helpAfter(notes: string | undefined, examples: readonly string[]): string {
  const lines = examples.map((e) => `  $ ${e}`).join('\n');
  return `${notes === undefined ? '' : `\n${notes}\n`}\nExamples:\n${lines}\n`;
}
