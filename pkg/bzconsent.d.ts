// Type declarations for bzconsent's JavaScript API (window.bzconsent and its events).

/** A consent category. `necessary` is always accepted. */
export type BzCategory = 'necessary' | 'preferences' | 'analytics' | 'marketing';

/** The stored consent record (localStorage `bzconsent`). */
export interface BzRecord {
  schema: 1;
  revision: number;
  /** Random UUID identifying this choice. */
  id: string;
  /** ISO 8601 time of the choice. */
  timestamp: string;
  categories: Record<BzCategory, boolean>;
  /** Per-service choices that differ from their category. */
  services: Record<string, boolean>;
  method: 'accept-all' | 'reject-all' | 'custom';
  /** Present and true when the browser sent Global Privacy Control. */
  gpc?: boolean;
}

/** Something the widget held back. */
export interface BzBlocked {
  kind: 'cookie' | 'script' | 'storage' | 'request' | 'frame';
  /** Cookie name, storage key or URL. */
  name: string;
  /** The service it belongs to ('' when unknown). */
  service: string;
}

/** A cookie no known service claims, for the site owner to classify. */
export interface BzUnknownCookie {
  name: string;
  /** ISO 8601 time it was first written on this page. */
  firstSeen: string;
}

/** `window.bzconsent`. No member ever throws. */
export interface BzConsent {
  acceptedCategory(name: BzCategory | string): boolean;
  acceptedService(name: string): boolean;
  acceptAll(): void;
  rejectAll(): void;
  /** Accepts exactly these categories (plus necessary), as a custom choice. */
  accept(categories: Array<BzCategory | string>): void;
  show(): void;
  showPreferences(): void;
  hide(): void;
  /** Forgets the choice, deletes known cookies, shows the banner. */
  reset(): void;
  /** A copy of the stored record, or null before a choice. */
  getRecord(): BzRecord | null;
  unknownCookies(): BzUnknownCookie[];
  blocked(): BzBlocked[];
}

/** `detail` of the `bzconsent:change` event. */
export interface BzChangeDetail {
  record: BzRecord | null;
  changed: BzCategory[];
}

declare global {
  interface Window {
    bzconsent: BzConsent;
  }
  interface WindowEventMap {
    'bzconsent:change': CustomEvent<BzChangeDetail>;
    'bzconsent:ready': CustomEvent<BzRecord | null>;
  }
}
