import { currencyDigits } from '../../shared';

/** Amounts as reports write them: minor units as a decimal number in the currency's digits. */

/** 1250 -> "12.50"; -1250 -> "-12.50"; 1280 yen -> "1280". */
export function minorToDecimal(minor: number, currency: string | null): string {
  const p = currencyDigits(currency);
  if (p === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const a = Math.abs(minor);
  return `${sign}${Math.floor(a / 10 ** p)}.${String(a % 10 ** p).padStart(p, '0')}`;
}
