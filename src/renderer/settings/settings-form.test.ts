import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/settings';
import { nextListener, settingsErrors } from './settings-form';

describe('settings form', () => {
  it('puts each problem under the field it belongs to', () => {
    const s = defaultSettings();
    s.listeners.push({ ...nextListener(s.listeners), port: 9100, station: 'front' });
    s.capture.allowList = ['192.168.1.20', 'till two'];
    expect(settingsErrors(s)).toEqual({
      'listeners.1.port': 'Port 9100 is already used by Front. Each station needs its own port.',
      'listeners.1.station':
        'Another port is already called front. Give each station its own name.',
      'capture.allowList.1':
        '"till two" is not an IP address. Write a till\'s address as 192.168.1.20.',
    });
    expect(settingsErrors(defaultSettings())).toEqual({});
  });

  it('offers the next free port and an unused name for a new printer port', () => {
    const s = defaultSettings();
    const second = nextListener(s.listeners);
    expect([second.port, second.station]).toEqual([9101, 'Station 2']);
    const third = nextListener([...s.listeners, { ...second, station: 'Station 3' }]);
    expect([third.port, third.station]).toEqual([9102, 'Station 4']);
    expect(settingsErrors({ ...s, listeners: [...s.listeners, second, third] })).toEqual({});
  });
});
