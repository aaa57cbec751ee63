/** Amounts as reports write them: minor units as a decimal number in the currency's digits. */

const places = new Map<string, number>();

/** Digits after the decimal point for a currency (2 when it is not known). */
export function currencyPlaces(currency: string | null): number {
  if (!currency) return 2;
  let n = places.get(currency);
  if (n === undefined) {
    try {
      n =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      n = 2;
    }
    places.set(currency, n);
  }
  return n;
}

/** 1250 -> "12.50"; -1250 -> "-12.50"; 1280 yen -> "1280". */
export function minorToDecimal(minor: number, currency: string | null): string {
  const p = currencyPlaces(currency);
  if (p === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const a = Math.abs(minor);
  return `${sign}${Math.floor(a / 10 ** p)}.${String(a % 10 ** p).padStart(p, '0')}`;
}
