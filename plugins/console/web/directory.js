// Names for ids: parties and products from the public registry, read once per page load (and
// again when the registry changes), so tables say "HTX chè Thanh Nam" rather than htx-thanhnam.
import {listAll} from './api.js';

let parties = new Map();
let products = new Map();

export async function loadDirectory() {
  const [ps, prs] = await Promise.all([listAll('party.list', {}, 'parties', 5000),
                                       listAll('product.list', {}, 'products', 5000)]);
  parties = new Map(ps.map(p => [p.id, p]));
  products = new Map(prs.map(p => [p.id, p]));
}

export function party(id) { return parties.get(id); }
export function partyName(id) { return parties.get(id)?.name || id || ''; }
export function allParties() { return [...parties.values()]; }
export function product(id) { return products.get(id); }
export function productName(id) { return products.get(id)?.name || id || ''; }
export function allProducts() { return [...products.values()]; }

// The district a party declares, if the registry carries one.
export function district(id) { return parties.get(id)?.district || ''; }
