// Maps with Leaflet (Debian's libjs-leaflet, served by the node under /vendor/leaflet/), loaded
// only by screens that draw one. Tiles come from the node's config; with no tile URL (offline, or
// a test) outlines and points still draw on a plain background, with a scale.
// Everything is drawn as vectors (circle markers, polygons): no marker images to fetch.

let leaflet = null;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(s);
  });
}

export function loadLeaflet(config) {
  if (!leaflet) {
    const base = config.vendor?.leaflet || '/vendor/leaflet/';
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = `${base}leaflet.css`;
    document.head.append(css);
    leaflet = loadScript(`${base}leaflet.min.js`).then(() => window.L);
  }
  return leaflet;
}

// A map in `el` centred on [lat, lon]. Returns {L, map}.
export async function createMap(el, config, center = [21.3, 105.2], zoom = 9) {
  const L = await loadLeaflet(config);
  await attached(el);
  const map = L.map(el, {zoomSnap: 0.5, tap: true}).setView(center, zoom);
  const url = config.tiles?.url;
  if (url) L.tileLayer(url, {attribution: config.tiles.attribution, maxZoom: 19}).addTo(map);
  else el.classList.add('blank');
  L.control.scale({imperial: false}).addTo(map);
  // The map was laid out before its box had a size on some phones: measure again.
  setTimeout(() => map.invalidateSize(), 0);
  return {L, map};
}

// Screens build their page before it is shown; Leaflet measures its box, so wait for it.
function attached(el) {
  return new Promise(resolve => {
    const check = () => (el.isConnected ? resolve() : requestAnimationFrame(check));
    check();
  });
}

const kGreen = '#1f6f43';

export function point(L, lat, lon, {color = kGreen, radius = 7, label} = {}) {
  const m = L.circleMarker([lat, lon], {radius, color, weight: 2, fillColor: color, fillOpacity: 0.6});
  if (label) m.bindTooltip(label);
  return m;
}

export function outline(L, polygon, {color = kGreen, label} = {}) {
  const p = L.polygon(polygon.map(q => [q.lat, q.lon]), {color, weight: 2, fillOpacity: 0.25});
  if (label) p.bindTooltip(label);
  return p;
}

// Fits the map to every layer given (nothing to fit: leaves the view).
export function fit(L, map, layers) {
  if (!layers.length) return;
  const group = L.featureGroup(layers);
  map.fitBounds(group.getBounds().pad(0.2), {maxZoom: 18});
}

// Tapping the map picks a place: onPick({lat, lon}) with 5 decimals (about a metre).
export function pickPoint(L, map, start, onPick) {
  let marker = start ? point(L, start.lat, start.lon).addTo(map) : null;
  map.on('click', e => {
    const p = {lat: round5(e.latlng.lat), lon: round5(e.latlng.lng)};
    if (marker) marker.setLatLng([p.lat, p.lon]);
    else marker = point(L, p.lat, p.lon).addTo(map);
    onPick(p);
  });
  return {move: p => { if (marker) marker.setLatLng([p.lat, p.lon]); else marker = point(L, p.lat, p.lon).addTo(map); }};
}

// Drawing a plot's outline by tapping its corners. onChange(points) after each change.
export function drawOutline(L, map, onChange) {
  let points = [];
  const line = L.polygon([], {color: '#b35c00', weight: 3, dashArray: '6 4', fillOpacity: 0.15}).addTo(map);
  const corners = L.layerGroup().addTo(map);
  const redraw = () => {
    line.setLatLngs(points.map(p => [p.lat, p.lon]));
    corners.clearLayers();
    for (const p of points) point(L, p.lat, p.lon, {color: '#b35c00', radius: 5}).addTo(corners);
    onChange(points);
  };
  map.on('click', e => {
    if (points.length >= 200) return;
    points = [...points, {lat: round6(e.latlng.lat), lon: round6(e.latlng.lng)}];
    redraw();
  });
  return {
    undo() { points = points.slice(0, -1); redraw(); },
    clear() { points = []; redraw(); },
    set(ps) { points = ps.slice(0, 200); redraw(); if (points.length) fit(L, map, [line]); },
    points: () => points,
  };
}

function round5(x) { return Math.round(x * 1e5) / 1e5; }
function round6(x) { return Math.round(x * 1e6) / 1e6; }

// The first polygon of a GeoJSON text (Feature, FeatureCollection, Polygon or MultiPolygon) as
// [{lat, lon}], without the closing point GeoJSON repeats. GeoJSON is [lon, lat]: swapped here.
export function polygonFromGeoJSON(text) {
  const g = JSON.parse(text);
  const geometry = g.type === 'FeatureCollection' ? g.features?.[0]?.geometry
                 : g.type === 'Feature' ? g.geometry : g;
  let ring;
  if (geometry?.type === 'Polygon') ring = geometry.coordinates[0];
  else if (geometry?.type === 'MultiPolygon') ring = geometry.coordinates[0][0];
  if (!Array.isArray(ring) || ring.length < 3) throw new Error('no polygon');
  const pts = ring.map(([lon, lat]) => ({lat: round6(lat), lon: round6(lon)}));
  const [a, z] = [pts[0], pts[pts.length - 1]];
  if (pts.length > 3 && a.lat === z.lat && a.lon === z.lon) pts.pop();
  return pts;
}

// The area of an outline in square metres (spherical excess on small polygons; good to ~1 %).
export function areaM2(points) {
  if (points.length < 3) return 0;
  const R = 6378137, rad = Math.PI / 180;
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i], q = points[(i + 1) % points.length];
    sum += (q.lon - p.lon) * rad * (2 + Math.sin(p.lat * rad) + Math.sin(q.lat * rad));
  }
  return Math.abs(sum * R * R / 2);
}
