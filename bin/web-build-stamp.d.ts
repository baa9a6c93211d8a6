export const ROOT: string;
export const DIST: string;
export const STAMP: string;
export function inputsHash(): Promise<string>;
export function distIsCurrent(hash: string): Promise<boolean>;
