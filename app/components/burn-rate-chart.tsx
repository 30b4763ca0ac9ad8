import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { burnChartData, type SloWindow } from "./burn-chart-data";

/**
 * Burn rate per window pair against its threshold (Recharts). Fixed size and no animation, so live
 * updates never move what the reader is looking at; the numbers are also in the table beside it.
 */
export function BurnRateChart({ name, windows }: { name: string; windows: SloWindow[] }) {
  const { points, max, description } = burnChartData(windows);
  return (
    <figure className="m-0 my-3 max-w-full overflow-x-auto" data-testid="burn-chart">
      <div role="img" aria-label={`${name} burn rates: ${description}`}>
        <ComposedChart width={620} height={240} data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
          <XAxis dataKey="window" stroke="var(--muted)" fontSize={12} />
          <YAxis domain={[0, max]} stroke="var(--muted)" fontSize={12} unit="×" />
          <Tooltip contentStyle={{ background: "var(--card)", border: "1px solid var(--line)", color: "var(--fg)" }} />
          <Legend />
          <Bar dataKey="long" name="burn (long window)" fill="var(--link)" isAnimationActive={false} />
          <Bar dataKey="short" name="burn (short window)" fill="var(--wait)" isAnimationActive={false} />
          <Line dataKey="threshold" name="threshold" stroke="var(--bad)" strokeDasharray="6 3" strokeWidth={2} dot={{ r: 4 }} type="linear" isAnimationActive={false} />
        </ComposedChart>
      </div>
      <figcaption className="text-sm text-muted">{description}</figcaption>
    </figure>
  );
}
