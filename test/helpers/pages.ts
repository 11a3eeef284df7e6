// The programs the live page (--dot page.html) is tested with.

export const CLASSIC = 'e = a*b; d = e + c; L = d*f';
export const CLASSIC_AT = 'a=2,b=-3,c=10,f=-2';
export const THETA = 'θ = 2*pi*r; sin(θ/8)';
export const TWICE = 'b = a + a; c = b * b';

/** About 100 value nodes: a chain of 24 statements over two variables. */
export function hundredNodes(): string {
  const lines = ['t0 = a*b + 1'];
  for (let k = 1; k < 24; k++) lines.push(`t${k} = tanh(t${k - 1}/3) * a + b*${k}`);
  return lines.join('\n');
}
