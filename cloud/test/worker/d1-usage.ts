/**
 * What one Worker invocation asked of D1, as D1's limits count it. A type only: the metered
 * Worker (runs in workerd) writes it into a response header and the tests (Node) read it.
 */
export interface D1Usage {
  /** Statements run, those inside db.batch() each counted (50 allowed on the Free plan). */
  queries: number;
  statements: {
    /** UTF-8 bytes of the SQL text (100,000 allowed). */
    sqlBytes: number;
    /** Bound parameters (100 allowed). */
    params: number;
    /** UTF-8 bytes of the largest bound value (a string may have 2,000,000). */
    largestValueBytes: number;
  }[];
}

export const D1_USAGE_HEADER = 'X-Test-D1-Usage';
