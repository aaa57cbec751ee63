/**
 * A Turkish lokanta's POS, printed by node-thermal-printer (code page PC857): it labels its
 * figures in words the built-in profile does not know (TOPLAM, ARA TOPLAM, NAKİT, KREDİ KARTI,
 * PARA ÜSTÜ), the layout the teach-by-example tests teach. Each check's truth in kuruş.
 */
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';

const DISHES: [string, number][] = [
  ['Mercimek Çorbası', 9000],
  ['Adana Kebap', 32000],
  ['İskender', 34500],
  ['Lahmacun', 12000],
  ['Ayran', 4000],
  ['Künefe', 16500],
  ['Türk Kahvesi', 6000],
];

export interface LokantaTruth {
  total: number;
  cash: number;
  card: number;
  change: number;
}

/** "1.234,50": how the till prints kuruş. */
const lira = (kurus: number) =>
  `${Math.floor(kurus / 100).toLocaleString('de-DE')},${String(kurus % 100).padStart(2, '0')}`;

/** One check of the lokanta's POS; seed 0 is split between cash and card. */
export async function printLokantaCheck(port: number, seed: number): Promise<LokantaTruth> {
  const pos = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: `tcp://127.0.0.1:${port}`,
    width: 42,
    characterSet: CharacterSet.PC857_TURKISH,
    options: { timeout: 5_000 },
  });
  pos.alignCenter();
  pos.println('LOKANTA ANADOLU');
  pos.println('Bağdat Cad. No:12 İstanbul');
  pos.alignLeft();
  pos.leftRight(`Fiş No: ${2000 + seed}`, `Masa: ${(seed % 9) + 1}`);
  pos.drawLine();
  let total = 0;
  for (let k = 0; k < 2 + (seed % 4); k++) {
    const [name, price] = DISHES[(seed * 3 + k * 5) % DISHES.length];
    const qty = 1 + ((seed + k) % 3);
    total += qty * price;
    pos.leftRight(`${qty} x ${name}`, lira(qty * price));
  }
  pos.drawLine();
  // KDV is in the prices (10 % on food): the table prints what of the total it is.
  const kdv = Math.round((total * 10) / 110);
  pos.leftRight('ARA TOPLAM', lira(total));
  pos.leftRight('KDV %10', lira(kdv));
  pos.bold(true);
  pos.leftRight('TOPLAM', lira(total));
  pos.bold(false);
  let truth: LokantaTruth;
  if (seed === 0) {
    const card = Math.floor(total / 2);
    const given = Math.ceil((total - card) / 5000) * 5000;
    pos.leftRight('KREDİ KARTI ****4821', lira(card));
    pos.leftRight('NAKİT', lira(given));
    pos.leftRight('PARA ÜSTÜ', lira(given - (total - card)));
    truth = { total, card, cash: total - card, change: given - (total - card) };
  } else if (seed % 2 === 1) {
    pos.leftRight('KREDİ KARTI ****1133', lira(total));
    truth = { total, card: total, cash: 0, change: 0 };
  } else {
    const given = Math.ceil(total / 10000) * 10000;
    pos.leftRight('NAKİT', lira(given));
    pos.leftRight('PARA ÜSTÜ', lira(given - total));
    truth = { total, card: 0, cash: total, change: given - total };
  }
  pos.alignCenter();
  pos.println('Afiyet olsun!');
  pos.cut();
  await pos.execute();
  return truth;
}
