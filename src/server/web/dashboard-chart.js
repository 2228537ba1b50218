// Charts through Chartist (served from node_modules as /vendor/chartist.js). Every drawn point and bar is an
// SVG element carrying its value (Chartist's ct:value), the table row it was drawn from (data-row) and a
// <title> naming where the value comes from, which the browser shows on hover and reads to screen readers.
import { BarChart, FixedScaleAxis, Interpolation, LineChart, Svg } from '/vendor/chartist.js';

// Chartist writes a few style attributes (the SVG's size, label boxes). The server's Content-Security-Policy
// refuses style attributes set as markup but allows styles set through the CSSOM, so send them that way.
const attr = Svg.prototype.attr;
Svg.prototype.attr = function (attributes, ns) {
  if (attributes && typeof attributes === 'object' && attributes.style !== undefined) {
    const { style, ...rest } = attributes;
    this.getNode().style.cssText = String(style);
    return attr.call(this, rest, ns);
  }
  return attr.call(this, attributes, ns);
};

const SVG_NS = 'http://www.w3.org/2000/svg';

function decorate(el, item) {
  const node = el.getNode();
  if (item.row != null) node.setAttribute('data-row', String(item.row));
  for (const c of item.classes ?? []) node.classList.add(c);
  if (item.title) {
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = item.title;
    node.append(title);
  }
}

/**
 * A line chart over period indices 0…n-1. series: [{ name, className, points: [{ x, y, row, classes, title }] }]
 * (y null = nothing drawn there; the line joins the values either side).
 */
export function lineChart(el, { xLabels, series, low, high, yLabel, height = 200 }) {
  const data = {
    series: series.map((s) => {
      const pts = s.points.filter((p) => p.y != null).sort((a, b) => a.x - b.x);
      return { name: s.name, className: s.className, data: pts.map((p) => ({ value: { x: p.x, y: p.y }, meta: String(p.row) })), points: pts };
    }),
  };
  const lookup = data.series.map((s) => new Map(s.points.map((p) => [`${p.x}|${p.y}|${p.row}`, p])));
  const chart = new LineChart(el, data, {
    height: `${height}px`,
    low,
    high,
    lineSmooth: Interpolation.none(),
    fullWidth: true,
    chartPadding: { right: 24, left: 8 },
    axisX: {
      type: FixedScaleAxis,
      offset: 36,
      low: -0.3,
      high: Math.max(0, xLabels.length - 1) + 0.3,
      ticks: xLabels.map((_, i) => i),
      labelInterpolationFnc: (v) => xLabels[Math.round(v)] ?? '',
    },
    axisY: { labelInterpolationFnc: yLabel, offset: 64 },
  });
  chart.on('draw', (d) => {
    if (d.type !== 'point') return;
    const v = d.value ?? {};
    const p = lookup[d.seriesIndex]?.get(`${v.x}|${v.y}|${d.meta}`);
    if (p) decorate(d.element, p);
  });
  return chart;
}

/**
 * A bar chart: labels along one axis, series: [{ name, className, values: [{ value, row, classes, title }] }]
 * (value null = no bar). `horizontal` lays the bars along the x axis.
 */
export function barChart(el, { labels, series, horizontal = false, stack = false, low, high, ticks, valueLabel, height = 260 }) {
  // Chartist lays horizontal bars out bottom-up: hand it everything reversed, so the first row and the
  // first series read at the top
  const order = horizontal ? [...series].reverse().map((s) => ({ ...s, values: [...s.values].reverse() })) : series;
  const data = {
    labels: horizontal ? [...labels].reverse() : labels,
    series: order.map((s) => ({ name: s.name, className: s.className, data: s.values.map((v) => (v.value == null ? null : { value: v.value, meta: String(v.row) })) })),
  };
  const valueAxis = ticks
    ? { type: FixedScaleAxis, ticks, low: ticks[0], high: ticks.at(-1), labelInterpolationFnc: valueLabel }
    : { labelInterpolationFnc: valueLabel, onlyInteger: !horizontal && stack };
  const chart = new BarChart(el, data, {
    height: `${height}px`,
    low,
    high,
    horizontalBars: horizontal,
    stackBars: stack,
    seriesBarDistance: horizontal ? 9 : 12,
    chartPadding: { right: horizontal ? 40 : 24, left: 8 },
    axisX: horizontal ? valueAxis : { offset: 40 },
    axisY: horizontal ? { offset: 280 } : { ...valueAxis, offset: 48 },
  });
  chart.on('draw', (d) => {
    if (d.type !== 'bar') return;
    const item = order[d.seriesIndex]?.values[d.index];
    if (item) decorate(d.element, item);
  });
  return chart;
}
