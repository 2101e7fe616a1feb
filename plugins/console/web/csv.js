// CSV made in the browser and saved as a file: UTF-8 with a byte-order mark, so Excel opens
// "Hợp tác xã" as written; numbers without group marks, so spreadsheets read them as numbers.

function cell(v) {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header, rows) {
  return '\uFEFF' + [header, ...rows].map(r => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function download(filename, text) {
  const url = URL.createObjectURL(new Blob([text], {type: 'text/csv;charset=utf-8'}));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Kilograms (or litres) as a plain decimal for a spreadsheet: 1250000 g -> "1250".
export function plainQuantity(q, unit) {
  return unit === 'piece' ? String(q) : String(q / 1000);
}
