// The manager's settings on this PC: settings.json read and written safely (validated, written
// to a temporary file and renamed), which saved changes wait for the next start, and the keeper
// that applies a save while Receipt Desk runs without losing a receipt.
export { loadSettings, saveSettingsFile, settingsFile, SETTINGS_FILE } from './settings-file';
export { SettingsKeeper, type SettingsKeeperOptions } from './settings-keeper';
export { waitingForRestart } from './settings-restart';
