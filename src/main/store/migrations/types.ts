export interface Migration {
  /** Numbered in gaps of 10; becomes PRAGMA user_version once applied. */
  version: number;
  name: string;
  up: string;
}
