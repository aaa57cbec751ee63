// Runs a call of the contract table on the service, for every door (Electron IPC and HTTP): the
// arguments are checked by the table's schema, and failures come back as Results that say what
// to do. A door adds its own checks (which window, which Host) before it calls this.
export { invokeCall, type CallLog } from './invoke-call';
