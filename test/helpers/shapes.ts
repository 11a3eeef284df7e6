// Programs of about n value nodes in the shapes that stress a picture's layout:
// deep (a chain), wide (a long sum, each term a new variable), a fan (one
// variable feeding every term), dense (few variables shared by many products)
// and named steps that reuse earlier ones. Each comes with an --at for every variable.

export type Shape = 'chain' | 'sum' | 'fan' | 'dense' | 'named';
export const SHAPES: readonly Shape[] = ['chain', 'sum', 'fan', 'dense', 'named'];

export interface ShapedProgram {
  readonly source: string;
  readonly at: string;
}

export function shapedProgram(shape: Shape, n: number): ShapedProgram {
  const names = (prefix: string, k: number): string[] => Array.from({ length: k }, (_, i) => `${prefix}${i}`);
  const at = (vars: readonly string[]): string => vars.map((v) => `${v}=0.5`).join(',');
  switch (shape) {
    case 'chain':
      return { source: `${'sin('.repeat(n - 1)}x${')'.repeat(n - 1)}`, at: 'x=0.5' };
    case 'sum': {
      const vars = names('x', Math.ceil((n + 1) / 2));
      return { source: vars.join('+'), at: at(vars) };
    }
    case 'fan': {
      const terms = Array.from({ length: Math.floor((n - 1) / 3) }, (_, i) => `x*${i + 2}`);
      return { source: terms.join('+'), at: 'x=0.5' };
    }
    case 'dense': {
      const vars = names('v', Math.ceil(Math.sqrt(n)));
      const terms: string[] = [];
      for (let i = 0; terms.length * 2 < n - vars.length; i++) terms.push(`${vars[i % vars.length]}*${vars[(i * 7 + 3) % vars.length]}`);
      return { source: terms.join('+'), at: at(vars) };
    }
    case 'named': {
      const steps = ['a0 = x'];
      for (let i = 1; steps.length * 2 < n; i++) steps.push(`a${i} = a${i - 1}*x + a${Math.floor(i / 2)}`);
      return { source: steps.join('; '), at: 'x=0.5' };
    }
  }
}
