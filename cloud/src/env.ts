/** What the Worker is given: the D1 database and the three secrets (wrangler secret put). */
export interface Env {
  DB: D1Database;
  /** The bearer token the desk's relay sends with every batch. */
  RELAY_TOKEN: string;
  /** The key the desk signs each batch with (HMAC-SHA256). */
  RELAY_HMAC_SECRET: string;
  /** The token the owner's page and the read endpoints ask for; never the relay's. */
  READ_TOKEN: string;
}

/** The name of a secret that is not set, so the endpoint refuses rather than accept anyone. */
export function missingSecret(env: Env): keyof Env | null {
  for (const name of ['RELAY_TOKEN', 'RELAY_HMAC_SECRET', 'READ_TOKEN'] as const) {
    if (typeof env[name] !== 'string' || env[name].length === 0) return name;
  }
  return null;
}
