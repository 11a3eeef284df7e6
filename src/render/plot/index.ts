// The plotting kit: sampling, figures, SVG and terminal text. The CLI loads it
// only when a plot is asked for (build.mjs bundles it, with d3, apart).
export { sampleCurves, robustRange, type Evaluate, type Sampled, type SampleOptions } from './sample.js';
export { clipLine, curvePoints, type Figure, type Panel, type Series, type Axis, type Point } from './figure.js';
export { figureToSvg, layout, plotArea, SVG_PANEL_HEIGHT, SVG_WIDTH } from './svg.js';
export { figureToText, type TextSize } from './braille.js';
export { functionFigure, stepsFigure, LOG_SPREAD, type FunctionPlot } from './function-plot.js';
