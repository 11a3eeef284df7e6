#!/usr/bin/env python3
"""High-precision reference answers for the least-squares test problems.

Standard library only. For each problem (the same definitions as
test/unit/calculus/fit/problems.ts), Newton's method on the normal equations
grad SSR(x) = 0 runs in 100-digit decimal arithmetic from a near solution; the
gradient and Hessian of SSR are central differences at steps 1e-40 and 1e-20,
whose errors (about 1e-80 and 1e-40 relative) are far below the 20 digits
printed. Standard errors are sqrt(diag((J^T J)^-1) * SSR/(m - p)), with J by
central differences and the inverse by Gauss-Jordan elimination (null when
J^T J is singular, as at the symmetric minimum of Jennrich-Sampson, when m = p,
or when SSR = 0).

Student's t quantiles come from the closed form of the two-sided tail for
integer degrees of freedom (Abramowitz & Stegun 26.7.3-4), inverted by
bisection in the same arithmetic.

Run: python3 scripts/fit-reference.py   (rewrites test/unit/calculus/fit/reference.ts)
"""
import os
from decimal import Decimal as D, getcontext

getcontext().prec = 100


def pi():
    # Machin: pi = 16 atan(1/5) - 4 atan(1/239)
    return 16 * atan_small(D(1) / 5) - 4 * atan_small(D(1) / 239)


def atan_small(x):
    """atan(x) by its Taylor series, for |x| <= 1/2."""
    total, term, k, x2 = D(0), x, 1, x * x
    while abs(term) > D(10) ** -110:
        total += term / k
        term *= -x2
        k += 2
    return total


def atan(x):
    # Reduce twice by atan(x) = 2 atan(x / (1 + sqrt(1 + x^2))).
    if x < 0:
        return -atan(-x)
    y = x / (1 + (1 + x * x).sqrt())
    y = y / (1 + (1 + y * y).sqrt())
    return 4 * atan_small(y) if y <= D(1) / 2 else 4 * atan(y)


def sin_cos(x):
    s, c, term, k = D(0), D(0), D(1), 0
    while abs(term) > D(10) ** -110 or k < 2:
        if k % 4 == 0:
            c += term
        elif k % 4 == 1:
            s += term
        elif k % 4 == 2:
            c -= term
        else:
            s -= term
        k += 1
        term = term * x / k
    return s, c


PI = pi()
exp = lambda x: x.exp()
sqrt = lambda x: x.sqrt()
R = lambda s: D(str(s))

BARD_Y = "0.14 0.18 0.22 0.25 0.29 0.32 0.35 0.39 0.37 0.58 0.73 0.96 1.34 2.1 4.39".split()
GAUSSIAN_Y = "0.0009 0.0044 0.0175 0.054 0.1295 0.242 0.3521 0.3989 0.3521 0.242 0.1295 0.054 0.0175 0.0044 0.0009".split()
MEYER_Y = "34780 28610 23650 19630 16370 13720 11540 9744 8261 7030 6005 5147 4427 3820 3307 2872".split()
KOWALIK_Y = "0.1957 0.1947 0.1735 0.16 0.0844 0.0627 0.0456 0.0342 0.0323 0.0235 0.0246".split()
KOWALIK_U = "4 2 1 0.5 0.25 0.167 0.125 0.1 0.0833 0.0714 0.0625".split()
OSBORNE1_Y = ("0.844 0.908 0.932 0.936 0.925 0.908 0.881 0.85 0.818 0.784 0.751 0.718 0.685 0.658 0.628 0.603 0.58 "
              "0.558 0.538 0.522 0.506 0.49 0.478 0.467 0.457 0.448 0.438 0.431 0.424 0.42 0.414 0.411 0.406").split()


def rosenbrock(x):
    return [10 * (x[1] - x[0] ** 2), 1 - x[0]]


def powell_badly_scaled(x):
    return [10 ** 4 * x[0] * x[1] - 1, exp(-x[0]) + exp(-x[1]) - R("1.0001")]


def brown_badly_scaled(x):
    return [x[0] - 10 ** 6, x[1] - R("2e-6"), x[0] * x[1] - 2]


def beale(x):
    return [R(y) - x[0] * (1 - x[1] ** i) for i, y in ((1, "1.5"), (2, "2.25"), (3, "2.625"))]


def helical_valley(x):
    theta = (atan(x[1] / x[0]) + (PI if x[0] < 0 else 0)) / (2 * PI)
    return [10 * (x[2] - 10 * theta), 10 * (sqrt(x[0] ** 2 + x[1] ** 2) - 1), x[2]]


def box_3d(x):
    out = []
    for i in range(1, 11):
        t = D(i) / 10
        out.append(exp(-t * x[0]) - exp(-t * x[1]) - x[2] * (exp(-t) - exp(-10 * t)))
    return out


def wood(x):
    a, b, c, d = x
    return [10 * (b - a * a), 1 - a, sqrt(D(90)) * (d - c * c), 1 - c, sqrt(D(10)) * (b + d - 2), (b - d) / sqrt(D(10))]


def variably_dimensioned(x):
    s = sum(((j + 1) * (xj - 1) for j, xj in enumerate(x)), D(0))
    return [xj - 1 for xj in x] + [s, s * s]


def freudenstein_roth(x):
    a, b = x
    return [-13 + a + ((5 - b) * b - 2) * b, -29 + a + ((b + 1) * b - 14) * b]


def jennrich_sampson(x):
    return [2 + 2 * i - (exp(i * x[0]) + exp(i * x[1])) for i in range(1, 11)]


def bard(x):
    out = []
    for i in range(1, 16):
        u, v = i, 16 - i
        out.append(R(BARD_Y[i - 1]) - (x[0] + u / (v * x[1] + min(u, v) * x[2])))
    return out


def gaussian(x):
    return [x[0] * exp(-x[1] * (D(8 - i) / 2 - x[2]) ** 2 / 2) - R(GAUSSIAN_Y[i - 1]) for i in range(1, 16)]


def meyer(x):
    return [x[0] * exp(x[1] / (45 + 5 * i + x[2])) - R(MEYER_Y[i - 1]) for i in range(1, 17)]


def kowalik_osborne(x):
    out = []
    for y, u in zip(KOWALIK_Y, KOWALIK_U):
        u = R(u)
        out.append(R(y) - x[0] * (u * u + u * x[1]) / (u * u + u * x[2] + x[3]))
    return out


def brown_dennis(x):
    out = []
    for i in range(1, 21):
        t = D(i) / 5
        s, c = sin_cos(t)
        out.append((x[0] + t * x[1] - exp(t)) ** 2 + (x[2] + s * x[3] - c) ** 2)
    return out


def osborne_1(x):
    return [R(y) - (x[0] + x[1] * exp(-10 * i * x[3]) + x[2] * exp(-10 * i * x[4])) for i, y in enumerate(OSBORNE1_Y)]


def watson(x):
    out = []
    for i in range(1, 30):
        t = D(i) / 29
        slope = sum((j * t ** (j - 1) * x[j] for j in range(1, len(x))), D(0))
        value = sum((t ** j * x[j] for j in range(len(x))), D(0))
        out.append(slope - value * value - 1)
    return out + [x[0], x[1] - x[0] ** 2 - 1]


def penalty_1(x):
    a = sqrt(R("1e-5"))
    return [a * (xi - 1) for xi in x] + [sum((xi * xi for xi in x), D(0)) - R("0.25")]


def penalty_2(x):
    n, a = len(x), sqrt(R("1e-5"))
    out = [x[0] - R("0.2")]
    for i in range(2, n + 1):
        y = exp(D(i) / 10) + exp(D(i - 1) / 10)
        out.append(a * (exp(x[i - 1] / 10) + exp(x[i - 2] / 10) - y))
    for i in range(n + 1, 2 * n):
        out.append(a * (exp(x[i - n] / 10) - exp(D(-1) / 10)))
    out.append(sum(((n - j) * x[j] ** 2 for j in range(n)), D(0)) - 1)
    return out


# name, residuals, near solution (from a float64 run; Newton refines it)
PROBLEMS = [
    ("rosenbrock", rosenbrock, "1.0000001 0.9999999"),
    ("powell-badly-scaled", powell_badly_scaled, "0.00001098159330 9.106146740"),
    ("brown-badly-scaled", brown_badly_scaled, "1000000.01 0.0000019999"),
    ("beale", beale, "3.0000001 0.4999999"),
    ("helical-valley", helical_valley, "1.0000001 0.0000001 0.0000001"),
    ("box-3d", box_3d, "1.0000001 10.000001 1.0000001"),
    ("wood", wood, "1.0000001 0.9999999 1.0000001 0.9999999"),
    ("variably-dimensioned-8", variably_dimensioned, "1.0000001 1 1 1 1 1 1 0.9999999"),
    ("freudenstein-roth", freudenstein_roth, "11.41277902 -0.8968052507"),
    ("jennrich-sampson", jennrich_sampson, "0.2578252165 0.2578252111"),
    ("bard", bard, "0.08241055996 1.133036099 2.343695172"),
    ("gaussian", gaussian, "0.3989561378 1.000019084 0"),
    ("meyer", meyer, "0.005609636471 6181.346346 345.2236346"),
    ("kowalik-osborne", kowalik_osborne, "0.1928069351 0.1912823172 0.1230565047 0.1360623253"),
    ("brown-dennis", brown_dennis, "-11.59443907 13.20362975 -0.4034395256 0.2367787613"),
    ("osborne-1", osborne_1, "0.3754100521 1.935846913 -1.464687137 0.01286753464 0.02212269966"),
    ("watson-6", watson, "-0.01572508651 1.012434869 -0.2329916255 1.260430086 -1.513728920 0.9929964310"),
    ("penalty-1", penalty_1, "0.25000750 0.25000750 0.25000750 0.25000750"),
    ("penalty-2", penalty_2, "0.1999993334 0.1913167041 0.4801014882 0.5188453957"),
]


def ssr(f, x):
    return sum((r * r for r in f(x)), D(0))


def shifted(x, j, h):
    y = list(x)
    y[j] += h
    return y


def gradient(f, x, h=D(10) ** -40):
    return [(ssr(f, shifted(x, j, h)) - ssr(f, shifted(x, j, -h))) / (2 * h) for j in range(len(x))]


def hessian(f, x, h=D(10) ** -20):
    cols = [[(a - b) / (2 * h) for a, b in zip(gradient(f, shifted(x, j, h)), gradient(f, shifted(x, j, -h)))]
            for j in range(len(x))]
    return [[(cols[i][j] + cols[j][i]) / 2 for j in range(len(x))] for i in range(len(x))]


def jacobian(f, x, h=D(10) ** -40):
    cols = [[(a - b) / (2 * h) for a, b in zip(f(shifted(x, j, h)), f(shifted(x, j, -h)))] for j in range(len(x))]
    return [[cols[j][i] for j in range(len(x))] for i in range(len(cols[0]))]


def inverse(a):
    """Gauss-Jordan with partial pivoting."""
    n = len(a)
    m = [list(row) + [D(1) if i == j else D(0) for j in range(n)] for i, row in enumerate(a)]
    for k in range(n):
        piv = max(range(k, n), key=lambda i: abs(m[i][k]))
        m[k], m[piv] = m[piv], m[k]
        pk = m[k][k]
        if abs(pk) <= D(10) ** -50 * max(abs(v) for row in a for v in row):
            return None  # singular: a parameter the data cannot determine
        m[k] = [v / pk for v in m[k]]
        for i in range(n):
            if i != k and m[i][k] != 0:
                fi = m[i][k]
                m[i] = [v - fi * w for v, w in zip(m[i], m[k])]
    return [row[n:] for row in m]


def solve(a, b):
    inv = inverse(a)
    return [sum((inv[i][j] * b[j] for j in range(len(b))), D(0)) for i in range(len(b))]


def refine(f, x):
    for _ in range(30):
        step = solve(hessian(f, x), gradient(f, x))
        x = [xi - si for xi, si in zip(x, step)]
        if max(abs(s) for s in step) < D(10) ** -45 * max(abs(v) for v in x):
            break
    return x


def fmt(v):
    return format(v, ".20e")


def t_within(t, nu):
    """P(|T| <= t) for integer nu: A(t|nu) with theta = atan(t/sqrt(nu))."""
    c2 = nu / (nu + t * t)
    s = t / (nu + t * t).sqrt()
    total, term = D(0), D(1)
    if nu % 2 == 0:
        for k in range(0, nu // 2):  # 1 + c^2/2 + 1.3/(2.4) c^4 + ...
            total += term
            term = term * (2 * k + 1) / (2 * k + 2) * c2
        return s * total
    c = c2.sqrt()
    for k in range(0, (nu - 1) // 2):  # c + 2/3 c^3 + 2.4/(3.5) c^5 + ...
        term = c if k == 0 else term * (2 * k) / (2 * k + 1) * c2
        total += term
    return 2 * (atan(t / D(nu).sqrt()) + (s * total if nu > 1 else 0)) / PI


def t_quantile(p, nu):
    lo, hi = D(0), D(1)
    while t_within(hi, nu) < 2 * p - 1:
        lo, hi = hi, 2 * hi
    for _ in range(120):
        mid = (lo + hi) / 2
        if t_within(mid, nu) < 2 * p - 1:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def main():
    out = []
    print = lambda line="": out.append(line)
    print("// Generated by scripts/fit-reference.py: minimizers to 20 digits, SSR, standard errors.")
    print("export const REFERENCE: Record<string, { x: string[]; ssr: string; se: string[] | null }> = {")
    for name, f, near in PROBLEMS:
        x = refine(f, [R(v) for v in near.split()])
        s = ssr(f, x)
        j = jacobian(f, x)
        m, p = len(j), len(x)
        jtj = [[sum((j[k][a] * j[k][b] for k in range(m)), D(0)) for b in range(p)] for a in range(p)]
        cov = inverse(jtj)
        se = None if cov is None or m == p or s < D(10) ** -40 else [sqrt(cov[i][i] * s / (m - p)) for i in range(p)]
        print(f"  '{name}': {{")
        print("    x: [" + ", ".join(f"'{fmt(v)}'" for v in x) + "],")
        print(f"    ssr: '{fmt(s)}',")
        print("    se: " + ("null" if se is None else "[" + ", ".join(f"'{fmt(v)}'" for v in se) + "]") + ",")
        print("  },")
    print("};")
    print()
    print("/** Student's t quantiles t(p, df), p and df as written. */")
    print("export const T_QUANTILES: readonly (readonly [number, number, string])[] = [")
    for p in ("0.975", "0.995", "0.9", "0.75"):
        for nu in (1, 2, 3, 5, 10, 30, 100, 999):
            print(f"  [{p}, {nu}, '{fmt(t_quantile(D(p), nu))}'],")
    print("];")
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "unit", "calculus", "fit", "reference.ts")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
