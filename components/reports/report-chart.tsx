'use client';

import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, Text, Tooltip, XAxis, YAxis, type YAxisTickContentProps } from 'recharts';
import { countTicks } from './count-ticks.ts';

// The drawing of one dashboard chart, with recharts: a line chart for a series over time, bars for
// counts by category (horizontal when the category names are long). ChartFigure puts it in a figure
// beside a table of the same numbers, so the drawing is hidden from assistive technology and takes
// no keyboard focus (recharts' accessibility layer is turned off): the table is the accessible form.
// Colours are the app's series custom properties (app/globals.css, "Reports").

/** `line`: over time; `columns`: vertical bars; `bars`: horizontal bars, for long category names. */
export type ChartKind = 'line' | 'columns' | 'bars';
export type ChartSeries = { name: string; color: 'a' | 'b' | 'c' };
export type ChartRow = { category: string; tick: string; values: number[] };

type Props = { kind: ChartKind; rows: ChartRow[]; series: ChartSeries[]; categoryLabel: string; valueLabel: string };

const TICK = { fill: 'var(--muted)', fontSize: 13 };
const LABEL = { fill: 'var(--text)', fontSize: 13 };
// The tooltip in the app's colours, its lines in the series' order (s0, s1) and in the text colour:
// a light series colour is fine for a bar but too faint for words.
const TOOLTIP = {
  contentStyle: { background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 'var(--radius)', fontSize: '0.9rem' },
  labelStyle: { color: 'var(--text)', fontWeight: 600 },
  itemStyle: { color: 'var(--text)', padding: 0 },
  itemSorter: 'dataKey',
  separator: ': ',
} as const;
// Wide enough for a two-line category name ("Peer workshop: safety planning") on a 360 px phone.
const CATEGORY_WIDTH = 136;
const ROW_HEIGHT = 40;

const color = (s: ChartSeries) => `var(--series-${s.color})`;
const key = (i: number) => `s${i}`;

// Beyond this many points or bars, dots and numbers on the drawing only crowd it (a fiscal year
// has 52 weeks and 24 Safe Suite bars): the tooltip and the table still give each number.
const MAX_MARKED = 16;
const MAX_LABELLED = 8;

/** A category name beside its bar, wrapped onto up to three lines within the axis's width. */
function CategoryTick({ x, y, payload }: YAxisTickContentProps) {
  return (
    <Text x={x} y={y} width={CATEGORY_WIDTH - 10} maxLines={3} textAnchor="end" verticalAnchor="middle" fill={TICK.fill} style={{ fontSize: TICK.fontSize }}>
      {String(payload.value)}
    </Text>
  );
}

type Drawing = Props & { data: Record<string, string | number>[]; legend: ReactNode; tooltip: ReactNode; valueAxis: ValueAxis };
type ValueAxis = { tick: typeof TICK; ticks: number[]; domain: [number, number]; allowDecimals: false };

const common = { accessibilityLayer: false, responsive: true } as const;
const valueAxisLabel = (value: string) => ({ value, angle: -90, position: 'insideLeft', offset: 8, style: { textAnchor: 'middle' }, ...LABEL }) as const;
const bottomAxisLabel = (value: string) => ({ value, position: 'insideBottom', offset: -18, ...LABEL }) as const;

export function ReportChart(props: Props) {
  const { kind, rows, series } = props;
  const data = rows.map((r) => ({ category: r.category, tick: r.tick, ...Object.fromEntries(r.values.map((v, i) => [key(i), v])) }));
  const legend =
    series.length > 1 ? (
      // In the series' order, in the page's text colour (the swatch carries the series colour).
      <Legend
        verticalAlign="top"
        height={32}
        itemSorter={null}
        wrapperStyle={{ fontSize: '0.9rem' }}
        formatter={(value) => <span style={{ color: 'var(--text)' }}>{value}</span>}
      />
    ) : null;
  const tooltip = (
    <Tooltip
      {...TOOLTIP}
      cursor={{ fill: 'var(--bg)', stroke: 'var(--border)' }}
      labelFormatter={(_, payload) => (payload[0]?.payload as { category?: string } | undefined)?.category ?? ''}
    />
  );
  const ticks = countTicks(Math.max(...rows.flatMap((r) => r.values)));
  const drawing: Drawing = { ...props, data, legend, tooltip, valueAxis: { tick: TICK, ticks, domain: [0, ticks.at(-1)!], allowDecimals: false } };
  return (
    <div className="chart-drawing" aria-hidden="true">
      {kind === 'line' ? <Lines {...drawing} /> : kind === 'columns' ? <Columns {...drawing} /> : <Bars {...drawing} />}
    </div>
  );
}

function Lines({ data, rows, series, legend, tooltip, valueAxis, categoryLabel, valueLabel }: Drawing) {
  return (
    <LineChart {...common} data={data} style={{ width: '100%', height: 280 }} margin={{ top: 4, right: 16, bottom: 24, left: 4 }}>
      <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="tick" tick={TICK} tickMargin={6} minTickGap={12} label={bottomAxisLabel(categoryLabel)} />
      <YAxis width={52} {...valueAxis} label={valueAxisLabel(valueLabel)} />
      {tooltip}
      {legend}
      {series.map((s, i) => (
        <Line
          key={s.name}
          dataKey={key(i)}
          name={s.name}
          stroke={color(s)}
          strokeWidth={2.5}
          type="linear"
          dot={rows.length <= MAX_MARKED && { r: 3, fill: color(s) }}
        />
      ))}
    </LineChart>
  );
}

function Columns({ data, rows, series, legend, tooltip, valueAxis, categoryLabel, valueLabel }: Drawing) {
  return (
    <BarChart {...common} data={data} style={{ width: '100%', height: 280 }} margin={{ top: 16, right: 8, bottom: 24, left: 4 }}>
      <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="tick" tick={TICK} tickMargin={6} label={bottomAxisLabel(categoryLabel)} />
      <YAxis width={52} {...valueAxis} label={valueAxisLabel(valueLabel)} />
      {tooltip}
      {legend}
      {series.map((s, i) => (
        <Bar key={s.name} dataKey={key(i)} name={s.name} fill={color(s)} maxBarSize={56} minPointSize={2}>
          {rows.length * series.length <= MAX_LABELLED && <LabelList dataKey={key(i)} position="top" fill="var(--text)" fontSize={12} />}
        </Bar>
      ))}
    </BarChart>
  );
}

/** Horizontal bars: the category names, however long, read across beside their bars. */
function Bars({ data, rows, series, legend, tooltip, valueAxis, categoryLabel, valueLabel }: Drawing) {
  const height = rows.length * ROW_HEIGHT * Math.max(1, series.length * 0.75) + 76 + (legend ? 32 : 0);
  return (
    <BarChart {...common} data={data} layout="vertical" style={{ width: '100%', height }} margin={{ top: 24, right: 40, bottom: 24, left: 4 }}>
      <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" {...valueAxis} label={bottomAxisLabel(valueLabel)} />
      {/* The category axis's name sits above its column of names. */}
      <YAxis
        type="category"
        dataKey="tick"
        width={CATEGORY_WIDTH}
        tick={CategoryTick}
        interval={0}
        label={{ value: categoryLabel, position: 'insideTopLeft', offset: 0, dy: -22, ...LABEL }}
      />
      {tooltip}
      {legend}
      {series.map((s, i) => (
        <Bar key={s.name} dataKey={key(i)} name={s.name} fill={color(s)} maxBarSize={28} minPointSize={2}>
          <LabelList dataKey={key(i)} position="right" fill="var(--text)" fontSize={12} />
        </Bar>
      ))}
    </BarChart>
  );
}
