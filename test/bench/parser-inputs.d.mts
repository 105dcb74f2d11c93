// Types for parser-inputs.mjs (imported by test/unit/parse/adversarial.test.ts).
export declare const MB: number;
export declare function repeatTo(unit: string, size?: number): string;
export declare function unitsThen(unit: string, tail: string, size?: number): string;
export declare function prng(seed: number): () => number;
export declare function mixedConsoleText(size?: number, seed?: number): string;
/** Each input is built when its function is called. */
export declare function adversarialInputs(size?: number): Record<string, () => string>;
