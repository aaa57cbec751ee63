// The owner's page: every store's day side by side. The read token is typed here and kept in
// memory only; every string that comes from a receipt or a store goes in as text, never markup.

const $ = (id) => document.getElementById(id);

/** Minor units to the store's money ("1234" cents in EUR: "€12.34"). */
function money(minor, currency) {
  if (minor === null || minor === undefined) return '–';
  if (!currency) return (minor / 100).toFixed(2);
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

function cell(row, text, small) {
  const td = document.createElement('td');
  td.textContent = text;
  if (small) {
    const note = document.createElement('small');
    note.textContent = small;
    td.append(note);
  }
  row.append(td);
}

function head(table, names) {
  const row = document.createElement('tr');
  for (const name of names) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = name;
    row.append(th);
  }
  table.tHead.replaceChildren(row);
}

const METHODS = [
  ['cash', 'Cash'],
  ['card', 'Card'],
  ['voucher', 'Voucher'],
  ['gift-card', 'Gift card'],
  ['mobile', 'Mobile'],
  ['account', 'Account'],
  ['other', 'Other'],
  ['unknown', 'Not shown'],
];

function localTime(ms, timeZone) {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(ms);
}

function show(day) {
  $('title').textContent = `Business day ${day.date}`;
  const sales = $('stores');
  head(sales, [
    'Store',
    'Receipts',
    'Sales',
    'Refunds',
    'Net sales',
    'Tax',
    'Tips',
    'Total collected',
    'Average sale',
    'Covers',
  ]);
  const rows = [];
  for (const s of day.stores) {
    const row = document.createElement('tr');
    cell(
      row,
      s.restaurantName || s.storeId,
      `${s.storeId} · last relay ${localTime(s.lastBatchAt, s.timezone)}`,
    );
    cell(row, String(s.receiptCount), s.unparsedCount > 0 ? `${s.unparsedCount} not read` : '');
    cell(row, String(s.saleCount), s.reprints > 0 ? `${s.reprints} reprints counted once` : '');
    cell(row, money(s.refunds, s.currency), `${s.refundCount} refunds`);
    cell(row, money(s.netSales, s.currency));
    cell(row, money(s.tax, s.currency));
    cell(row, money(s.tips, s.currency));
    cell(row, money(s.total, s.currency));
    cell(row, money(s.averageSale, s.currency));
    cell(row, String(s.covers));
    rows.push(row);
  }
  sales.tBodies[0].replaceChildren(...rows);

  const used = METHODS.filter(([key]) => day.stores.some((s) => s.payments[key] !== undefined));
  const payments = $('payments');
  head(payments, ['Store', ...used.map(([, name]) => name), 'Total']);
  payments.tBodies[0].replaceChildren(
    ...day.stores.map((s) => {
      const row = document.createElement('tr');
      cell(row, s.restaurantName || s.storeId);
      for (const [key] of used) cell(row, money(s.payments[key] ?? 0, s.currency));
      cell(row, money(s.total, s.currency));
      return row;
    }),
  );
  $('figures').hidden = false;
}

async function load(event) {
  event.preventDefault();
  const status = $('status');
  status.className = '';
  status.textContent = 'Loading…';
  const date = $('date').value;
  try {
    const response = await fetch(`/v1/days/${encodeURIComponent(date)}`, {
      headers: { Authorization: `Bearer ${$('token').value.trim()}` },
      cache: 'no-store',
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? `The endpoint answered ${response.status}.`);
    show(body);
    status.textContent =
      body.stores.length === 0
        ? 'No store has relayed receipts yet.'
        : `${body.stores.length} store(s).`;
  } catch (e) {
    $('figures').hidden = true;
    status.className = 'error';
    status.textContent = e instanceof Error ? e.message : String(e);
  }
}

// Today on this device's calendar (en-CA writes dates as YYYY-MM-DD).
$('date').value = new Date().toLocaleDateString('en-CA');
$('ask').addEventListener('submit', load);
