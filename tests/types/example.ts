// Uses every member of pkg/bzconsent.d.ts; `make test` compiles it with `tsc --noEmit`.
import type { BzBlocked, BzCategory, BzChangeDetail, BzRecord, BzUnknownCookie } from '../../pkg/bzconsent';

const api = window.bzconsent;
const analytics: boolean = api.acceptedCategory('analytics');
const youtube: boolean = api.acceptedService('youtube');
api.acceptAll();
api.rejectAll();
api.accept(['analytics', 'preferences']);
api.show();
api.showPreferences();
api.hide();
api.reset();
const record: BzRecord | null = api.getRecord();
if (record) {
  const method: 'accept-all' | 'reject-all' | 'custom' = record.method;
  const schema: 1 = record.schema;
  const revision: number = record.revision;
  const when: string = record.timestamp;
  const id: string = record.id;
  const on: boolean = record.categories.marketing && (record.services['youtube'] ?? false);
  const gpc: boolean | undefined = record.gpc;
  console.log(method, schema, revision, when, id, on, gpc);
}
const unknown: BzUnknownCookie[] = api.unknownCookies();
const blocked: BzBlocked[] = api.blocked();
console.log(analytics, youtube, unknown[0]?.firstSeen, blocked[0]?.kind);

window.addEventListener('bzconsent:change', (event) => {
  const detail: BzChangeDetail = event.detail;
  const changed: BzCategory[] = detail.changed;
  console.log(detail.record?.id, changed);
});
window.addEventListener('bzconsent:ready', (event) => {
  const ready: BzRecord | null = event.detail;
  console.log(ready);
});
