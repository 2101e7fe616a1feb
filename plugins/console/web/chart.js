// Charts with Chart.js 3 (Debian's libjs-chart.js, served under /vendor/chart.js/), loaded only by
// the dashboard. Numbers on the axes and in tooltips use the console's locale.
import {locale} from './i18n.js';

let loading = null;

export function loadChart(config) {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = `${config.vendor?.chart || '/vendor/chart.js/'}chart.min.js`;
      s.onload = () => resolve(window.Chart);
      s.onerror = () => reject(new Error('could not load Chart.js'));
      document.head.append(s);
    });
  }
  return loading;
}

const kColours = ['#1f6f43', '#2f7bbf', '#c8811a', '#8e44ad', '#c0392b', '#16a085', '#7f8c8d'];

// A bar chart in `canvas`: labels on the x axis, one bar series per dataset {label, data}.
export async function barChart(config, canvas, labels, datasets, {horizontal = false, format} = {}) {
  const Chart = await loadChart(config);
  return new Chart(canvas, {
    type: 'bar',
    data: {labels, datasets: datasets.map((d, i) => ({backgroundColor: kColours[i % kColours.length], ...d}))},
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      locale: locale(),
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {legend: {display: datasets.length > 1},
                tooltip: format ? {callbacks: {label: c => `${c.dataset.label}: ${format(c.raw)}`}} : {}},
      scales: {[horizontal ? 'x' : 'y']: {beginAtZero: true, ticks: format ? {callback: v => format(v)} : {precision: 0}}},
    },
  });
}
