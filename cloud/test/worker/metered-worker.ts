/**
 * The Worker as deployed, with its D1 binding metered per invocation and the count written
 * into a response header (D1_USAGE_HEADER): the entry the limits test bundles.
 */
import worker, { type Env } from '../../src/index';
import { meteredD1 } from './d1-meter';
import { D1_USAGE_HEADER } from './d1-usage';

export default {
  async fetch(request, env): Promise<Response> {
    const { db, usage } = meteredD1(env.DB);
    const response = await worker.fetch(request, { ...env, DB: db });
    const out = new Response(response.body, response);
    out.headers.set(D1_USAGE_HEADER, JSON.stringify(usage));
    return out;
  },
} satisfies ExportedHandler<Env>;
