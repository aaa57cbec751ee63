// The stations' sales profiles: how each station's receipts are read, the preview of what
// teaching a line changes, and saving a profile with its business days read again.
export { type BusinessSettings, SalesProfiles, type SalesProfilesOptions } from './sales-profiles';
