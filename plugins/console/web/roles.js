// Who sees which screens. The node filters what each party may read and refuses what it may not
// do; the console only avoids showing screens and buttons that would end in a refusal.

export const kBuyerKinds = ['enterprise', 'distributor', 'retailer'];
export const kSellerKinds = ['cooperative', 'cooperative_group'];

// The audience of a signed-in user: 'admin' (party ""), 'buyer', 'seller' or 'union'.
export function audience(user, party) {
  if (!user.party) return 'admin';
  if (party?.kind === 'cooperative_union') return 'union';
  if (kSellerKinds.includes(party?.kind)) return 'seller';
  return 'buyer';
}

// Viewers read; operators and managers act for their party.
export function canWrite(user) { return user.role !== 'viewer'; }
// Users and API tokens are the managers' (and the node admin's).
export function canManage(user) { return !user.party || user.role === 'manager'; }

// The navigation of each audience: [path, catalogue key].
export function navigation(aud, user) {
  const manage = canManage(user) ? [['/app/users', 'nav.users'], ['/app/tokens', 'nav.tokens']] : [];
  switch (aud) {
    case 'admin':
      return [['/app/parties', 'nav.parties'], ['/app/users', 'nav.users'],
              ['/app/tokens', 'nav.tokens'], ['/app/connectors', 'nav.connectors'],
              ['/app/plugins', 'nav.plugins']];
    case 'union':
      return [['/app/dashboard', 'nav.dashboard'], ['/app/alerts', 'nav.alerts'],
              ['/app/map', 'nav.map'], ['/app/consumptions', 'nav.consumptions'], ...manage];
    case 'seller':
      return [['/app/offers', 'nav.offers'], ['/app/proposals', 'nav.proposals'],
              ['/app/consumptions', 'nav.consumptions'], ['/app/plots', 'nav.plots'],
              ['/app/settlements', 'nav.settlements'], ...manage];
    default:
      return [['/app/contracts', 'nav.contracts'], ['/app/proposals', 'nav.proposals'],
              ['/app/consumptions', 'nav.consumptions'], ...manage];
  }
}
