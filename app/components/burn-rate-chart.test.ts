import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { burnChartData } from "./burn-chart-data";
import { BurnRateChart } from "./burn-rate-chart";

const windows = [
  { long: "1h", short: "5m", burnRateLong: 20.123, burnRateShort: 25, threshold: 14.4, firing: true, severity: "page" as const },
  { long: "6h", short: "30m", burnRateLong: 3, burnRateShort: null, threshold: 6, firing: false, severity: "page" as const },
  { long: "3d", short: "6h", burnRateLong: 0.5, burnRateShort: 0.4, threshold: 1, firing: false, severity: "ticket" as const },
];

describe("burn-rate chart", () => {
  it("puts each window pair's burn rates beside its threshold, and says it all in words", () => {
    const { points, max, description } = burnChartData(windows);
    expect(points[0]).toEqual({ window: "1h / 5m", long: 20.12, short: 25, threshold: 14.4, firing: true, severity: "page" });
    expect(points[1]!.short).toBeNull();
    expect(max).toBeGreaterThanOrEqual(25);
    expect(description).toContain("1h / 5m: burn 20.12× (long), 25× (short) against 14.4× — firing (page)");
    expect(description).toContain("6h / 30m: burn 3× (long), no data (short) against 6× — not firing");
  });

  it("renders on the server as an SVG with bars, a threshold line and a text alternative", () => {
    const html = renderToString(createElement(BurnRateChart, { name: "availability", windows }));
    expect(html).toContain("<svg");
    expect(html).toMatch(/recharts-bar-rectangle/);
    expect(html).toMatch(/recharts-line/);
    expect(html).toContain('aria-label="availability burn rates: 1h / 5m: burn 20.12×');
  });
});
