import { ErrorBanner } from './ErrorBanner';
import { Gauges } from './Gauges';
import { ReceiptDetailPanel } from './ReceiptDetailPanel';
import { ReceiptList } from './ReceiptList';
import { StatsBar } from './StatsBar';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <h1>Receipt Desk</h1>
          <StatsBar />
        </div>
        <Gauges />
      </header>
      <ErrorBanner />
      <main className="app-main">
        <ReceiptList />
      </main>
      <ReceiptDetailPanel />
    </div>
  );
}
