import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { SloWindow } from "./burn-chart-data";
import { BurnRateChart } from "./burn-rate-chart";

/**
 * The chart as static SVG markup, made in the loader: Recharts stays out of the browser bundle
 * (the run viewer loads fast), and the figure is there before any script runs.
 */
export function renderBurnRateCharts(slos: { name: string; windows: SloWindow[] }[]): Record<string, string> {
  return Object.fromEntries(slos.map((s) => [s.name, renderToStaticMarkup(createElement(BurnRateChart, { name: s.name, windows: s.windows }))]));
}
